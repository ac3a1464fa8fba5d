using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Features;
using Workbench.Features.Persistence;
using Workbench.Features.Validation;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench features</c>: infer a data schema, validate a batch against it (exit code 1 when invalid, for CI and
/// pipelines), show a saved feature pipeline, and turn a data file into its feature matrix with one.
/// </summary>
public static class FeaturesCommands
{
    public static Command Create()
    {
        var features = new Command("features", "Data schemas (infer, validate) and saved feature pipelines (show, transform).");
        features.Subcommands.Add(Schema());
        features.Subcommands.Add(Validate());
        features.Subcommands.Add(Show());
        features.Subcommands.Add(Transform());
        return features;
    }

    private static Command Schema()
    {
        var file = DataCommands.FileArgument();
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the schema (JSON).", Required = true };
        var label = new Option<string?>("--label") { Description = "The label column: required in training only." };
        var categories = new Option<int>("--max-categories") { Description = "Text columns with at most this many values get an allowed list.", DefaultValueFactory = _ => 50 };
        var tolerance = new Option<double>("--tolerance") { Description = "Range tolerance as a fraction of each numeric column's range.", DefaultValueFactory = _ => 0.1 };
        var separator = DataCommands.SeparatorOption();
        var command = new Command("schema", "Infer a data schema from a (training) file and save it.") { file, output, label, categories, tolerance, separator };
        command.SetAction(result => Guard(result, "schema", () =>
        {
            var frame = DataCommands.Read(result.GetValue(file)!, result.GetValue(separator));
            var schema = DataSchema.Infer(frame, new SchemaInferenceOptions
            {
                Label = result.GetValue(label),
                MaxCategories = result.GetValue(categories),
                RangeTolerance = result.GetValue(tolerance),
            });
            var path = result.GetValue(output)!.FullName;
            schema.Save(path);
            var console = Console(result);
            var table = new Table().AddColumns("column", "type", "presence", "missing allowed", "expected");
            foreach (var column in schema.Columns)
            {
                table.AddRow(
                    Markup.Escape(column.Name),
                    column.Type.DisplayName(),
                    (column.Required ? "required" : "optional") + (column.Environments is { } e ? $" in {string.Join(", ", e)}" : string.Empty),
                    column.IsNullable ? column.MaxNullFraction.ToString("P1", CultureInfo.InvariantCulture) : "none",
                    Markup.Escape(column.Describe()));
            }

            console.Write(table);
            console.MarkupLine(Markup.Escape($"Wrote the schema of {schema.Columns.Count} columns to {path}."));
            return 0;
        }));
        return command;
    }

    private static Command Validate()
    {
        var file = DataCommands.FileArgument();
        var schemaPath = new Option<FileInfo>("--schema", "-s") { Description = "A schema saved by `workbench features schema` or DataSchema.Save.", Required = true };
        var environment = new Option<string>("--environment", "-e") { Description = "training (the label is required) or serving.", DefaultValueFactory = _ => SchemaEnvironments.Training };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON here." };
        var rows = new Option<int>("--rows") { Description = "Also list this many per-cell errors (row, column, value, reason)." };
        var separator = DataCommands.SeparatorOption();
        var command = new Command("validate", "Validate a data file against a schema; exit code 1 when it has errors.") { file, schemaPath, environment, json, rows, separator };
        command.SetAction(result => Guard(result, "validate", () =>
        {
            var schema = DataSchema.Load(result.GetValue(schemaPath)!.FullName);
            var input = result.GetValue(file)!;
            var frame = DataCommands.Read(input, result.GetValue(separator));
            var report = schema.Validate(frame, result.GetValue(environment)!, input.Name);
            var console = Console(result);
            console.MarkupLine(Markup.Escape(report.ToString().Split('\n')[0]));
            if (report.Anomalies.Count > 0)
            {
                var table = new Table().AddColumns("severity", "column", "anomaly", "rows", "fraction", "examples", "expected");
                foreach (var anomaly in report.Anomalies)
                {
                    var severity = anomaly.Severity == AnomalySeverity.Error ? "[red]error[/]" : "[yellow]warning[/]";
                    table.AddRow(severity, Markup.Escape(anomaly.Column), ValidationReport.Name(anomaly.Kind).Replace('_', ' '),
                        anomaly.Count.ToString("N0", CultureInfo.InvariantCulture), anomaly.Fraction.ToString("P1", CultureInfo.InvariantCulture),
                        Markup.Escape(string.Join(", ", anomaly.Examples)), Markup.Escape(anomaly.Expected));
                }

                console.Write(table);
            }

            if (result.GetValue(rows) is > 0 and var limit)
            {
                foreach (var error in schema.CheckRows(frame, result.GetValue(environment)!, limit))
                {
                    console.MarkupLine(Markup.Escape(error.ToString()));
                }
            }

            if (result.GetValue(json) is { } jsonPath)
            {
                File.WriteAllText(jsonPath.FullName, report.ToJson());
            }

            return report.IsValid ? 0 : 1;
        }));
        return command;
    }

    private static Command Show()
    {
        var pipelinePath = new Argument<FileInfo>("pipeline") { Description = "A feature pipeline saved by FeaturePipeline.Save." };
        var command = new Command("show", "Print a saved feature pipeline's steps, columns, transforms and features.") { pipelinePath };
        command.SetAction(result => Guard(result, "show", () =>
        {
            var pipeline = FeaturePipeline.Load(result.GetValue(pipelinePath)!.FullName);
            var console = Console(result);
            console.MarkupLine(Markup.Escape(pipeline.ToString() + (pipeline.Target is { } t ? $", target {t}" : string.Empty)));
            var table = new Table().AddColumns("step", "columns", "transforms", "features");
            foreach (var step in pipeline.Steps)
            {
                table.AddRow(Markup.Escape(step.Name), Markup.Escape(string.Join(", ", step.Columns)), Markup.Escape(step.Describe()),
                    step.FeatureNames.Count.ToString("N0", CultureInfo.InvariantCulture) + (step.ProducesSparse ? " (sparse)" : string.Empty));
            }

            console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Transform()
    {
        var file = DataCommands.FileArgument();
        var pipelinePath = new Option<FileInfo>("--pipeline", "-p") { Description = "A feature pipeline saved by FeaturePipeline.Save.", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the feature matrix (CSV, one column per feature).", Required = true };
        var separator = DataCommands.SeparatorOption();
        var command = new Command("transform", "Apply a saved feature pipeline to a data file and write the feature matrix as CSV.") { file, pipelinePath, output, separator };
        command.SetAction(result => Guard(result, "transform", () =>
        {
            var pipeline = FeaturePipeline.Load(result.GetValue(pipelinePath)!.FullName);
            var frame = DataCommands.Read(result.GetValue(file)!, result.GetValue(separator));
            var matrix = pipeline.Transform(frame);
            if (matrix.Columns > 100_000)
            {
                throw new InvalidOperationException($"the matrix has {matrix.Columns:N0} features (a hashed block?): too wide for CSV.");
            }

            var dense = matrix.ToDense();
            var columns = new Column[dense.Columns];
            for (var c = 0; c < columns.Length; c++)
            {
                var values = new float[dense.Rows];
                for (var r = 0; r < values.Length; r++)
                {
                    values[r] = dense[r, c];
                }

                columns[c] = new SingleColumn(dense.ColumnNames[c], values);
            }

            var path = result.GetValue(output)!.FullName;
            new Frame(columns).WriteCsv(path);
            result.InvocationConfiguration.Output.WriteLine($"Wrote {matrix.Rows:N0} rows x {matrix.Columns:N0} features ({(matrix.IsSparse ? "sparse" : "dense")}, density {matrix.Density:P1}) to {path}.");
            return 0;
        }));
        return command;
    }

    private static IAnsiConsole Console(ParseResult result)
    {
        var console = CostsCommands.Output(result);
        if (!ReferenceEquals(result.InvocationConfiguration.Output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    private static int Guard(ParseResult result, string name, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DataFormatException or DocumentFormatException or FileNotFoundException or ArgumentException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            result.InvocationConfiguration.Error.WriteLine($"workbench features {name}: {e.Message}");
            return 2;
        }
    }
}
