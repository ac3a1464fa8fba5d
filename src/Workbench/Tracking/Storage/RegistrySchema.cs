namespace Workbench.Tracking.Storage;

/// <summary>
/// Schema step 2: the model registry. It lives beside the runs (same file) so a version can reference its run;
/// the C# side of it is Workbench.Registry. Every change of alias or approval status is an event row: nothing
/// is overwritten without a trace.
/// </summary>
internal static class RegistrySchema
{
    public const string Sql = """
        CREATE TABLE registered_models (
            model_key   INTEGER PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL
        );
        CREATE TABLE model_tags (
            model_key INTEGER NOT NULL REFERENCES registered_models(model_key),
            key       TEXT NOT NULL,
            value     TEXT NOT NULL,
            PRIMARY KEY (model_key, key)
        ) WITHOUT ROWID;
        CREATE TABLE model_versions (
            model_key       INTEGER NOT NULL REFERENCES registered_models(model_key),
            version         INTEGER NOT NULL,
            run_key         INTEGER REFERENCES runs(run_key),
            source_run_id   TEXT,
            model_path      TEXT NOT NULL,
            description     TEXT NOT NULL DEFAULT '',
            approval_status TEXT NOT NULL,
            created_at      INTEGER NOT NULL,
            created_by      TEXT NOT NULL,
            PRIMARY KEY (model_key, version)
        ) WITHOUT ROWID;
        CREATE TABLE model_version_files (
            model_key   INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            path        TEXT NOT NULL,
            role        TEXT NOT NULL,
            kind        TEXT NOT NULL,
            sha256      TEXT NOT NULL,
            size        INTEGER NOT NULL,
            source_path TEXT NOT NULL,
            PRIMARY KEY (model_key, version, path),
            FOREIGN KEY (model_key, version) REFERENCES model_versions(model_key, version)
        ) WITHOUT ROWID;
        CREATE TABLE model_version_inputs (
            model_key   INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            context     TEXT NOT NULL,
            name        TEXT NOT NULL,
            source      TEXT,
            rows        INTEGER,
            PRIMARY KEY (model_key, version, fingerprint, context),
            FOREIGN KEY (model_key, version) REFERENCES model_versions(model_key, version)
        ) WITHOUT ROWID;
        CREATE TABLE model_version_tags (
            model_key INTEGER NOT NULL,
            version   INTEGER NOT NULL,
            key       TEXT NOT NULL,
            value     TEXT NOT NULL,
            PRIMARY KEY (model_key, version, key),
            FOREIGN KEY (model_key, version) REFERENCES model_versions(model_key, version)
        ) WITHOUT ROWID;
        CREATE TABLE model_aliases (
            model_key INTEGER NOT NULL REFERENCES registered_models(model_key),
            alias     TEXT NOT NULL,
            version   INTEGER NOT NULL,
            PRIMARY KEY (model_key, alias),
            FOREIGN KEY (model_key, version) REFERENCES model_versions(model_key, version)
        ) WITHOUT ROWID;
        CREATE TABLE alias_events (
            event_id         INTEGER PRIMARY KEY,
            model_key        INTEGER NOT NULL REFERENCES registered_models(model_key),
            alias            TEXT NOT NULL,
            previous_version INTEGER,
            version          INTEGER,
            changed_at       INTEGER NOT NULL,
            changed_by       TEXT NOT NULL,
            reason           TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE approval_events (
            event_id        INTEGER PRIMARY KEY,
            model_key       INTEGER NOT NULL,
            version         INTEGER NOT NULL,
            previous_status TEXT,
            status          TEXT NOT NULL,
            changed_at      INTEGER NOT NULL,
            changed_by      TEXT NOT NULL,
            reason          TEXT NOT NULL DEFAULT '',
            FOREIGN KEY (model_key, version) REFERENCES model_versions(model_key, version)
        );
        CREATE TABLE promotion_decisions (
            decision_id            INTEGER PRIMARY KEY,
            model_key              INTEGER NOT NULL REFERENCES registered_models(model_key),
            alias                  TEXT NOT NULL,
            candidate_version      INTEGER NOT NULL,
            champion_version       INTEGER,
            metric                 TEXT NOT NULL,
            higher_is_better       INTEGER NOT NULL,
            min_delta              REAL NOT NULL,
            evaluation_fingerprint TEXT NOT NULL,
            candidate_value        REAL,
            champion_value         REAL,
            promoted               INTEGER NOT NULL,
            reason                 TEXT NOT NULL,
            decided_at             INTEGER NOT NULL,
            decided_by             TEXT NOT NULL
        );
        """;
}
