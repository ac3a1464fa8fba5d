using System.CommandLine;
using Spectre.Console;
using Workbench.Registry;
using static Workbench.Cli.Commands.StoreCommandSupport;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench models list|show|register|approve|reject|promote|alias|export|import</c>: the model registry from a
/// shell, with the same audit trail as the library (who is <c>--by</c>, default the OS user).
/// </summary>
public static class ModelsCommands
{
    public static Command Create()
    {
        var home = HomeOption();
        var json = JsonOption();
        var models = new Command("models", "Registered models: versions, aliases, approval, promotion, archives.");
        models.Options.Add(home);
        models.Options.Add(json);
        models.Subcommands.Add(List(home, json));
        models.Subcommands.Add(Show(home, json));
        models.Subcommands.Add(Register(home, json));
        models.Subcommands.Add(SetApproval(home, json, "approve", ApprovalStatus.Approved, "Mark a version Approved (deployable), recording who and why."));
        models.Subcommands.Add(SetApproval(home, json, "reject", ApprovalStatus.Rejected, "Mark a version Rejected, recording who and why."));
        models.Subcommands.Add(Promote(home, json));
        models.Subcommands.Add(Alias(home, json));
        models.Subcommands.Add(Export(home, json));
        models.Subcommands.Add(Import(home, json));
        return models;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The registered model." };

    private static Option<string> VersionOption(bool required = true) => new("--version", "-v")
    {
        Description = "A version: 3, v3, latest, or an alias such as champion.",
        Required = required,
    };

    private static Option<string?> ByOption() => new("--by") { Description = "Who does this (default: the OS user)." };

    private static ModelRegistry Open(ParseResult result, Option<string?> home, bool create = false) =>
        ModelRegistry.Open(Home(result, home).Path, createIfMissing: create);

    private static Command List(Option<string?> home, Option<bool> json)
    {
        var command = new Command("list", "List registered models with their latest version and aliases.");
        command.SetAction(result => Execute(result, () =>
        {
            var models = Open(result, home).ListModels();
            if (result.GetValue(json))
            {
                WriteJson(result, models);
                return 0;
            }

            var table = Table("model", "versions", "latest", "aliases", "updated", "description");
            foreach (var model in models)
            {
                table.Row(model.Name, $"{model.VersionCount}", $"v{model.LatestVersion}",
                    string.Join(", ", model.Aliases.Select(a => $"{a.Key} -> v{a.Value}")), Time(model.UpdatedAt), model.Description);
            }

            var console = Console(result);
            console.Write(table);
            console.WriteLine($"{models.Count} model(s)");
            return 0;
        }));
        return command;
    }

    private static Command Show(Option<string?> home, Option<bool> json)
    {
        var name = NameArgument();
        var version = VersionOption(required: false);
        var command = new Command("show", "Show a model (its versions and history), or one version with its lineage.") { name, version };
        command.SetAction(result => Execute(result, () =>
        {
            var registry = Open(result, home);
            var modelName = result.GetValue(name)!;
            return result.GetValue(version) is { } which
                ? ShowVersion(result, json, registry, registry.ResolveVersion(modelName, which))
                : ShowModel(result, json, registry, modelName);
        }));
        return command;
    }

    private static int ShowModel(ParseResult result, Option<bool> json, ModelRegistry registry, string name)
    {
        var model = registry.GetModel(name);
        var versions = registry.ListVersions(name);
        var aliasHistory = registry.GetAliasHistory(name);
        var promotions = registry.GetPromotionHistory(name);
        if (result.GetValue(json))
        {
            WriteJson(result, new { model, versions, alias_history = aliasHistory, promotions });
            return 0;
        }

        var console = Console(result);
        console.WriteLine($"{model.Name}: {model.VersionCount} version(s){(model.Description.Length > 0 ? $" - {model.Description}" : string.Empty)}");
        var table = Table("version", "approval", "aliases", "registered", "by", "run");
        foreach (var v in versions.OrderByDescending(v => v.Version))
        {
            table.Row($"v{v.Version}", v.ApprovalStatus.ToString(), string.Join(", ", v.Aliases), Time(v.CreatedAt), v.CreatedBy, v.RunId);
        }

        console.Write(table);
        if (aliasHistory.Count > 0)
        {
            var aliases = Table("when", "alias", "from", "to", "by", "why");
            foreach (var e in aliasHistory)
            {
                aliases.Row(Time(e.At), e.Alias, e.PreviousVersion is { } p ? $"v{p}" : "-", e.Version is { } n ? $"v{n}" : "(deleted)", e.By, e.Reason);
            }

            console.Write(aliases);
        }

        if (promotions.Count > 0)
        {
            console.Write(PromotionTable(promotions));
        }

        return 0;
    }

    private static int ShowVersion(ParseResult result, Option<bool> json, ModelRegistry registry, ModelVersion version)
    {
        var lineage = registry.GetLineage(version.ModelName, version.Version);
        var approvals = registry.GetApprovalHistory(version.ModelName, version.Version);
        if (result.GetValue(json))
        {
            WriteJson(result, new
            {
                version,
                lineage = new
                {
                    run_id = lineage.Run?.RunId,
                    parent_run_id = lineage.ParentRun?.RunId,
                    @params = lineage.Run?.Params.ToDictionary(p => p.Key, p => p.Value.Text),
                    metrics = lineage.Run?.Metrics.ToDictionary(m => m.Key, m => m.Value.Value),
                    datasets = lineage.Datasets,
                    feature_pipeline = lineage.FeaturePipeline,
                },
                approval_history = approvals,
            });
            return 0;
        }

        var console = Console(result);
        console.WriteLine($"{version.ModelName} v{version.Version}: {version.ApprovalStatus}{(version.Aliases.Count > 0 ? $" (aliases: {string.Join(", ", version.Aliases)})" : string.Empty)}");
        console.WriteLine($"registered {Time(version.CreatedAt)} by {version.CreatedBy} from {version.ModelPath}");
        var chain = Table("lineage", "detail");
        chain.Row("run", lineage.Run is { } run ? $"{run.Info.Name} {run.RunId} ({StatusText(run.Info, run.Tags)})" : "not in this store (imported)");
        if (lineage.ParentRun is { } parent)
        {
            chain.Row("parent run", $"{parent.Name} {parent.RunId}");
        }

        foreach (var dataset in lineage.Datasets)
        {
            chain.Row($"{dataset.Context} data", $"{dataset.Name} {dataset.Fingerprint}");
        }

        foreach (var file in lineage.FeaturePipeline)
        {
            chain.Row("feature pipeline", $"{file.Path} sha256 {file.Sha256}");
        }

        if (lineage.Run is { } producing)
        {
            chain.Row("parameters", string.Join(", ", producing.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.Text}")));
            chain.Row("metrics", string.Join(", ", producing.Metrics.Values.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={Number(m.Value)}")));
        }

        var files = Table("file", "role", "bytes", "sha256");
        foreach (var file in version.Files)
        {
            files.Row(file.Path, file.Role, $"{file.Size}", file.Sha256);
        }

        var history = Table("when", "from", "to", "by", "why");
        foreach (var e in approvals)
        {
            history.Row(Time(e.At), e.PreviousStatus?.ToString() ?? "-", e.Status.ToString(), e.By, e.Reason);
        }

        console.Write(chain);
        console.Write(files);
        console.Write(history);
        return 0;
    }

    private static Command Register(Option<string?> home, Option<bool> json)
    {
        var name = NameArgument();
        var run = new Option<string>("--run", "-r") { Description = "The run whose model artifacts become the version.", Required = true };
        var path = new Option<string>("--model-path") { Description = "The model's artifact path in the run.", DefaultValueFactory = _ => "model" };
        var description = new Option<string?>("--description") { Description = "What this version is." };
        var by = ByOption();
        var command = new Command("register", "Register the next version of a model from a run's model artifacts.") { name, run, path, description, by };
        command.SetAction(result => Execute(result, () =>
        {
            var version = Open(result, home).RegisterModel(result.GetValue(name)!, result.GetValue(run)!, result.GetValue(path)!,
                result.GetValue(description), by: result.GetValue(by));
            return Report(result, json, version, $"registered {version.ModelName} v{version.Version} from run {version.RunId} ({version.Files.Count} files)");
        }));
        return command;
    }

    private static Command SetApproval(Option<string?> home, Option<bool> json, string verb, ApprovalStatus status, string description)
    {
        var name = NameArgument();
        var version = VersionOption();
        var reason = new Option<string>("--reason") { Description = "Why (kept in the approval history).", Required = true };
        var by = ByOption();
        var command = new Command(verb, description) { name, version, reason, by };
        command.SetAction(result => Execute(result, () =>
        {
            var registry = Open(result, home);
            var target = registry.ResolveVersion(result.GetValue(name)!, result.GetValue(version)!);
            var change = registry.SetApprovalStatus(target.ModelName, target.Version, status, result.GetValue(reason)!, result.GetValue(by));
            return Report(result, json, (object?)change ?? target,
                change is null ? $"{target.ModelName} v{target.Version} is already {status}; nothing recorded" : $"{target.ModelName} v{target.Version}: {change.PreviousStatus} -> {status} by {change.By}");
        }));
        return command;
    }

    private static Command Promote(Option<string?> home, Option<bool> json)
    {
        var name = NameArgument();
        var version = VersionOption();
        var metric = new Option<string>("--metric", "-m") { Description = "The metric to compare, e.g. auc.", Required = true };
        var evaluationSet = new Option<string>("--evaluation-set") { Description = "Fingerprint (sha256:...) of the evaluation set both runs must have used.", Required = true };
        var minDelta = new Option<double>("--min-delta") { Description = "Required improvement over the current holder.", DefaultValueFactory = _ => 0 };
        var lowerIsBetter = new Option<bool>("--lower-is-better") { Description = "For losses and errors." };
        var alias = new Option<string>("--alias") { Description = "The alias to move.", DefaultValueFactory = _ => RegistryNames.Champion };
        var requireApproval = new Option<bool>("--require-approval") { Description = "Only an Approved version may be promoted." };
        var strict = new Option<bool>("--fail-if-not-promoted") { Description = "Exit with code 2 when the rule refuses (for CI gates)." };
        var by = ByOption();
        var command = new Command("promote", "Move an alias to a version if it beats the current holder on the same evaluation set; the decision is recorded either way.")
        {
            name, version, metric, evaluationSet, minDelta, lowerIsBetter, alias, requireApproval, strict, by,
        };
        command.SetAction(result => Execute(result, () =>
        {
            var registry = Open(result, home);
            var candidate = registry.ResolveVersion(result.GetValue(name)!, result.GetValue(version)!);
            var rule = new PromotionRule(result.GetValue(metric)!, result.GetValue(evaluationSet)!, result.GetValue(minDelta), !result.GetValue(lowerIsBetter))
            {
                Alias = result.GetValue(alias)!,
                RequireApproval = result.GetValue(requireApproval),
            };
            var decision = registry.Promote(candidate.ModelName, candidate.Version, rule, result.GetValue(by));
            Report(result, json, decision,
                $"{(decision.Promoted ? "promoted" : "not promoted")}: {decision.ModelName} v{decision.CandidateVersion} -> {decision.Alias} (decision #{decision.Id}): {decision.Reason}");
            return !decision.Promoted && result.GetValue(strict) ? 2 : 0;
        }));
        return command;
    }

    private static Command Alias(Option<string?> home, Option<bool> json)
    {
        var alias = new Command("alias", "Point aliases (champion, challenger, any) at versions; every move is recorded.");
        var setName = NameArgument();
        var setAlias = new Argument<string>("alias") { Description = "The alias, e.g. champion." };
        var setVersion = new Argument<string>("version") { Description = "The version: 3, v3 or latest." };
        var setReason = new Option<string?>("--reason") { Description = "Why (kept in the alias history)." };
        var setBy = ByOption();
        var set = new Command("set", "Point an alias at a version.") { setName, setAlias, setVersion, setReason, setBy };
        set.SetAction(result => Execute(result, () =>
        {
            var registry = Open(result, home);
            var target = registry.ResolveVersion(result.GetValue(setName)!, result.GetValue(setVersion)!);
            var moved = registry.SetAlias(target.ModelName, result.GetValue(setAlias)!, target.Version, result.GetValue(setReason), result.GetValue(setBy));
            return Report(result, json, moved,
                $"{moved.ModelName}@{moved.Alias}: {(moved.PreviousVersion is { } p ? $"v{p}" : "(none)")} -> v{moved.Version}");
        }));

        var deleteName = NameArgument();
        var deleteAlias = new Argument<string>("alias") { Description = "The alias to remove." };
        var deleteReason = new Option<string?>("--reason") { Description = "Why (kept in the alias history)." };
        var deleteBy = ByOption();
        var delete = new Command("delete", "Remove an alias.") { deleteName, deleteAlias, deleteReason, deleteBy };
        delete.SetAction(result => Execute(result, () =>
        {
            var removed = Open(result, home).DeleteAlias(result.GetValue(deleteName)!, result.GetValue(deleteAlias)!, result.GetValue(deleteReason), result.GetValue(deleteBy));
            return Report(result, json, removed, $"{removed.ModelName}@{removed.Alias} removed (was v{removed.PreviousVersion})");
        }));
        alias.Subcommands.Add(set);
        alias.Subcommands.Add(delete);
        return alias;
    }

    private static Command Export(Option<string?> home, Option<bool> json)
    {
        var name = NameArgument();
        var version = VersionOption();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the archive.", DefaultValueFactory = _ => "model.tar.gz" };
        var command = new Command("export", "Write a version as model.tar.gz laid out for a SageMaker inference container (/opt/ml/model), with a checksum manifest.")
        {
            name, version, output,
        };
        command.SetAction(result => Execute(result, () =>
        {
            var registry = Open(result, home);
            var target = registry.ResolveVersion(result.GetValue(name)!, result.GetValue(version)!);
            var path = Path.GetFullPath(result.GetValue(output)!);
            var metadata = registry.Export(target.ModelName, target.Version, path);
            return Report(result, json, new { archive = path, bytes = new FileInfo(path).Length, metadata },
                $"wrote {path}: {target.ModelName} v{target.Version}, {metadata.Files.Count} files + metadata.json");
        }));
        return command;
    }

    private static Command Import(Option<string?> home, Option<bool> json)
    {
        var archive = new Argument<string>("archive") { Description = "A model.tar.gz written by `workbench models export`." };
        var name = new Option<string?>("--name") { Description = "Register under this model name (default: the archived one)." };
        var by = ByOption();
        var command = new Command("import", "Register an exported model.tar.gz as a new version after verifying every checksum.") { archive, name, by };
        command.SetAction(result => Execute(result, () =>
        {
            var version = Open(result, home, create: true).Import(result.GetValue(archive)!, result.GetValue(name), result.GetValue(by));
            return Report(result, json, version, $"imported {version.ModelName} v{version.Version} ({version.Files.Count} files verified)");
        }));
        return command;
    }

    private static Table PromotionTable(IEnumerable<PromotionDecision> decisions)
    {
        var table = Table("#", "when", "alias", "candidate", "champion", "metric", "candidate value", "champion value", "set", "promoted", "why");
        foreach (var d in decisions)
        {
            table.Row($"{d.Id}", Time(d.DecidedAt), d.Alias, $"v{d.CandidateVersion}", d.ChampionVersion is { } c ? $"v{c}" : "-", d.Metric,
                d.CandidateValue is { } cv ? Number(cv) : "-", d.ChampionValue is { } chv ? Number(chv) : "-", d.EvaluationFingerprint[..19] + "...",
                d.Promoted ? "yes" : "no", d.Reason);
        }

        return table;
    }

    private static int Report(ParseResult result, Option<bool> json, object value, string message)
    {
        if (result.GetValue(json))
        {
            WriteJson(result, value);
        }
        else
        {
            Console(result).WriteLine(message);
        }

        return 0;
    }
}
