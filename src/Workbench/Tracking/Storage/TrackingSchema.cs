namespace Workbench.Tracking.Storage;

/// <summary>Schema step 1: what a run records. Runs carry an integer key so the large tables stay compact.</summary>
internal static class TrackingSchema
{
    public const string Sql = """
        CREATE TABLE schema_version (
            version     INTEGER PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at  INTEGER NOT NULL
        );
        CREATE TABLE experiments (
            experiment_id INTEGER PRIMARY KEY,
            name          TEXT NOT NULL UNIQUE,
            created_at    INTEGER NOT NULL
        );
        CREATE TABLE experiment_tags (
            experiment_id INTEGER NOT NULL REFERENCES experiments(experiment_id),
            key           TEXT NOT NULL,
            value         TEXT NOT NULL,
            PRIMARY KEY (experiment_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE runs (
            run_key        INTEGER PRIMARY KEY,
            run_id         TEXT NOT NULL UNIQUE,
            experiment_id  INTEGER NOT NULL REFERENCES experiments(experiment_id),
            name           TEXT NOT NULL,
            parent_run_key INTEGER REFERENCES runs(run_key),
            status         TEXT NOT NULL,
            start_time     INTEGER NOT NULL,
            end_time       INTEGER
        );
        CREATE INDEX runs_by_experiment ON runs(experiment_id, start_time);
        CREATE INDEX runs_by_parent ON runs(parent_run_key);
        CREATE TABLE params (
            run_key INTEGER NOT NULL REFERENCES runs(run_key),
            key     TEXT NOT NULL,
            value   TEXT NOT NULL,
            type    TEXT NOT NULL,
            PRIMARY KEY (run_key, key)
        ) WITHOUT ROWID;
        CREATE TABLE tags (
            run_key INTEGER NOT NULL REFERENCES runs(run_key),
            key     TEXT NOT NULL,
            value   TEXT NOT NULL,
            PRIMARY KEY (run_key, key)
        ) WITHOUT ROWID;
        -- The bulk table: each write of a batch stores one row per (run, key) whose blob packs its points
        -- (see MetricChunkCodec), so logging costs a few rows per batch rather than one per point.
        -- No foreign key: the run is checked once per batch.
        CREATE TABLE metric_chunks (
            chunk_id   INTEGER PRIMARY KEY,
            run_key    INTEGER NOT NULL,
            key        TEXT NOT NULL,
            first_step INTEGER NOT NULL,
            last_step  INTEGER NOT NULL,
            points     INTEGER NOT NULL,
            data       BLOB NOT NULL
        );
        CREATE INDEX metric_chunks_by_run_key ON metric_chunks(run_key, key);
        CREATE TABLE latest_metrics (
            run_key   INTEGER NOT NULL REFERENCES runs(run_key),
            key       TEXT NOT NULL,
            step      INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            value     REAL,
            PRIMARY KEY (run_key, key)
        ) WITHOUT ROWID;
        CREATE INDEX latest_metrics_by_key ON latest_metrics(key, value);
        CREATE TABLE inputs (
            run_key     INTEGER NOT NULL REFERENCES runs(run_key),
            fingerprint TEXT NOT NULL,
            context     TEXT NOT NULL,
            name        TEXT NOT NULL,
            source      TEXT,
            rows        INTEGER,
            logged_at   INTEGER NOT NULL,
            PRIMARY KEY (run_key, fingerprint, context)
        ) WITHOUT ROWID;
        CREATE INDEX inputs_by_fingerprint ON inputs(fingerprint);
        CREATE TABLE artifacts (
            run_key   INTEGER NOT NULL REFERENCES runs(run_key),
            path      TEXT NOT NULL,
            kind      TEXT NOT NULL,
            sha256    TEXT NOT NULL,
            size      INTEGER NOT NULL,
            logged_at INTEGER NOT NULL,
            PRIMARY KEY (run_key, path)
        ) WITHOUT ROWID;
        """;
}
