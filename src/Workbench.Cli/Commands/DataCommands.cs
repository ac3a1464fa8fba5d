using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Data.Profiling;
using Workbench.Data.Splits;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench data</c>: look at a CSV or JSON Lines file, profile it, fingerprint it, split it.</summary>
public static class DataCommands
{
    public static Command Create()
    {
        var data = new Command("data", "Inspect, profile, fingerprint and split CSV / JSON Lines data files.");
        data.Subcommands.Add(Head());
        data.Subcommands.Add(Profile());
        data.Subcommands.Add(Fingerprint());
        data.Subcommands.Add(Split());
        return data;
    }

    private static Command Head()
    {
        var file = FileArgument();
        var rows = new Option<int>("--rows", "-n") { Description = "Rows to show.", DefaultValueFactory = _ => 10 };
        var separator = SeparatorOption();
        var command = new Command("head", "Print the first rows and each column's type.") { file, rows, separator };
        command.SetAction(result => Guard(result, "head", () =>
        {
            var frame = Read(result.GetValue(file)!, result.GetValue(separator));
            result.InvocationConfiguration.Output.Write(frame.Head(result.GetValue(rows)).ToText(maxRows: Math.Max(1, result.GetValue(rows))));
            result.InvocationConfiguration.Output.WriteLine($"({frame.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows in all)");
        }));
        return command;
    }

    private static Command Profile()
    {
        var file = FileArgument();
        var target = new Option<string?>("--target") { Description = "A column to relate every other column to." };
        var summary = new Option<FileInfo?>("--summary-csv") { Description = "Also write the per-column statistics as CSV here." };
        var separator = SeparatorOption();
        var command = new Command("profile", "Profile a data file: per-column statistics, warnings, strongest correlations, relation to a target.") { file, target, summary, separator };
        command.SetAction(result => Guard(result, "profile", () =>
        {
            var frame = Read(result.GetValue(file)!, result.GetValue(separator));
            var profile = frame.Profile(new ProfileOptions { Target = result.GetValue(target) });
            var console = CostsCommands.Output(result);
            if (!ReferenceEquals(result.InvocationConfiguration.Output, Console.Out) || Console.IsOutputRedirected)
            {
                // Redirected output has no terminal width: keep table rows on one line.
                console.Profile.Width = 240;
            }

            Write(console, profile);
            if (result.GetValue(summary) is { } path)
            {
                profile.ToFrame().WriteCsv(path.FullName);
                result.InvocationConfiguration.Output.WriteLine($"Wrote the column summary to {path.FullName}.");
            }
        }));
        return command;
    }

    private static Command Fingerprint()
    {
        var file = FileArgument();
        var content = new Option<bool>("--content") { Description = "Hash the data as read (names, types, values) rather than the file's bytes." };
        var separator = SeparatorOption();
        var command = new Command("fingerprint", "Print a data file's sha256 fingerprint (of its bytes, or of its content with --content).") { file, content, separator };
        command.SetAction(result => Guard(result, "fingerprint", () =>
        {
            var path = result.GetValue(file)!;
            var fingerprint = result.GetValue(content) ? Read(path, result.GetValue(separator)).Fingerprint() : DatasetFingerprint.OfFile(path.FullName);
            result.InvocationConfiguration.Output.WriteLine(fingerprint);
        }));
        return command;
    }

    private static Command Split()
    {
        var file = FileArgument();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for train.csv, validation.csv and test.csv.", Required = true };
        var test = new Option<double>("--test") { Description = "Fraction of rows held out for testing.", DefaultValueFactory = _ => 0.2 };
        var validation = new Option<double>("--validation") { Description = "Fraction of rows for validation (0 writes no validation file)." };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed, the same split.", DefaultValueFactory = _ => 42 };
        var stratify = new Option<string?>("--stratify") { Description = "Keep this label's class proportions in every part." };
        var group = new Option<string?>("--group") { Description = "Never put one value of this column (a patient, a site) in two parts." };
        var time = new Option<string?>("--time") { Description = "Split by this time column instead: earliest rows train, latest test." };
        var separator = SeparatorOption();
        var command = new Command("split", "Split a data file into train / validation / test CSV files, deterministically.")
        {
            file, output, test, validation, seed, stratify, group, time, separator,
        };
        command.SetAction(result => Guard(result, "split", () =>
        {
            var frame = Read(result.GetValue(file)!, result.GetValue(separator));
            var indices = result.GetValue(time) is { } timeColumn
                ? DataSplit.TimeOrdered(frame, timeColumn, result.GetValue(validation), result.GetValue(test))
                : DataSplit.TrainValidationTest(frame, result.GetValue(validation), result.GetValue(test), result.GetValue(seed), result.GetValue(stratify), result.GetValue(group));
            var (train, valid, held) = indices.Apply(frame);
            var folder = result.GetValue(output)!.FullName;
            train.WriteCsv(Path.Combine(folder, "train.csv"));
            held.WriteCsv(Path.Combine(folder, "test.csv"));
            if (valid.RowCount > 0)
            {
                valid.WriteCsv(Path.Combine(folder, "validation.csv"));
            }

            result.InvocationConfiguration.Output.WriteLine($"{indices} written to {folder} (content {frame.Fingerprint()}).");
        }));
        return command;
    }

    internal static Argument<FileInfo> FileArgument() => new("file") { Description = "A CSV file, or JSON Lines (.jsonl, .ndjson)." };

    internal static Option<string> SeparatorOption() => new("--separator") { Description = "CSV field separator (\\t for tab).", DefaultValueFactory = _ => "," };

    internal static Frame Read(FileInfo file, string? separator)
    {
        var extension = file.Extension.ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson")
        {
            return Frame.ReadJsonLines(file.FullName);
        }

        var sep = separator is "\\t" or "tab" ? '\t' : separator is { Length: 1 } s ? s[0] : throw new ArgumentException($"--separator must be one character (or \\t), not '{separator}'.");
        return Frame.ReadCsv(file.FullName, new CsvReadOptions { Separator = sep });
    }

    private static int Guard(ParseResult result, string name, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or ArgumentException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            result.InvocationConfiguration.Error.WriteLine($"workbench data {name}: {e.Message}");
            return 2;
        }
    }

    private static void Write(IAnsiConsole console, FrameProfile profile)
    {
        console.MarkupLine(Markup.Escape(profile.ToString()));
        var table = new Table().AddColumns("column", "type", "present", "missing", "distinct", "mean", "std", "min", "median", "max", "top value");
        foreach (var c in profile.Columns)
        {
            table.AddRow(
                Markup.Escape(c.Name), c.Type.DisplayName(), Count(c.Count), Count(c.Missing), Count(c.Distinct),
                Number(c.Mean), Number(c.Std), Number(c.Min), Number(c.Median), Number(c.Max),
                Markup.Escape(c.TopValues.FirstOrDefault() is { } top ? $"{Clip(top.Value)} ({Count(top.Count)})" : string.Empty));
        }

        console.Write(table);
        foreach (var warning in profile.Warnings)
        {
            console.MarkupLine($"[yellow]warning[/] {Markup.Escape(warning.Message)}");
        }

        var pairs = profile.Pearson.Pairs().Take(5).ToArray();
        if (pairs.Length > 0)
        {
            console.MarkupLine("Strongest correlations (Pearson r, Spearman ρ):");
            foreach (var (a, b, r) in pairs)
            {
                console.MarkupLine(Markup.Escape($"  {a} ~ {b}: r = {r.ToString("F3", CultureInfo.InvariantCulture)}, ρ = {(profile.Spearman is null ? "-" : profile.Spearman[a, b].ToString("F3", CultureInfo.InvariantCulture))}"));
            }
        }

        if (profile.Target is { } target)
        {
            console.MarkupLine(Markup.Escape($"Relation to '{target.Target}' ({(target.IsCategorical ? "categorical" : "numeric")} target):"));
            foreach (var c in target.ClassBalance)
            {
                console.MarkupLine(Markup.Escape($"  class {c.Value}: {Count(c.Count)} rows"));
            }

            foreach (var f in target.Features.Take(10))
            {
                console.MarkupLine(Markup.Escape($"  {f.Column}: {f.Measure} {f.Strength.ToString("F3", CultureInfo.InvariantCulture)}"));
            }
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("G5", CultureInfo.InvariantCulture) : string.Empty;

    private static string Clip(string text) => text.Length <= 24 ? text : text[..23] + "…";
}
