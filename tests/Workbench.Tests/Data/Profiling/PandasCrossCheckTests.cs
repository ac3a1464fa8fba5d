using System.Text.Json;
using Workbench.Data;
using Workbench.Data.Profiling;
using Workbench.Testing;

namespace Workbench.Tests.Data.Profiling;

/// <summary>
/// The profile's statistics and correlations agree with pandas (Debian's python3-pandas) on the same files to
/// 1e-9 (relative to the magnitude, absolute below 1): describe(), skew(), nunique(), isna().sum(),
/// duplicated().sum(), corr() and corr(method="spearman"), all pairwise-complete.
/// </summary>
public sealed class PandasCrossCheckTests
{
    private const double Tolerance = 1e-9;

    private const string PandasScript = """
        import json, sys
        import numpy as np
        import pandas as pd
        frame = pd.read_csv(sys.argv[1])
        numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
        def clean(x):
            x = float(x)
            return None if np.isnan(x) else x
        stats = {}
        for name in frame.columns:
            s = frame[name]
            entry = {"missing": int(s.isna().sum()), "distinct": int(s.nunique()), "count": int(s.count())}
            if name in numeric:
                v = s.astype("float64")
                q = v.quantile([0.25, 0.5, 0.75])
                entry.update({"mean": clean(v.mean()), "std": clean(v.std()), "min": clean(v.min()), "max": clean(v.max()),
                              "q25": clean(q[0.25]), "median": clean(q[0.5]), "q75": clean(q[0.75]), "skew": clean(v.skew())})
            else:
                counts = s.value_counts()
                entry["top"] = [[str(k), int(n)] for k, n in counts.items()][:3]
            stats[name] = entry
        numeric_frame = frame[numeric].astype("float64")
        pearson = numeric_frame.corr()
        spearman = numeric_frame.corr(method="spearman")
        print(json.dumps({
            "stats": stats, "numeric": numeric, "duplicates": int(frame.duplicated().sum()),
            "pearson": [[clean(x) for x in row] for row in pearson.values],
            "spearman": [[clean(x) for x in row] for row in spearman.values]}))
        """;

    public static TheoryData<string> Files => new() { "breast_cancer.csv", "patients.csv", "diabetes.csv", "wine.csv", "batches/patients/missing_values.csv" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Profile_matches_pandas_on_the_sample(string file) => Compare(Path.Combine(RepoPaths.DataSamples, file));

    [Fact]
    public void Profile_matches_pandas_with_gaps_ties_and_duplicates()
    {
        // The benchmark's generator at 20,000 rows: gaps in four columns, tied integers, text with a missing
        // label; duplicate rows added by repeating a slice.
        using var folder = new TempDirectory("crosscheck");
        var path = folder.File("generated.csv");
        var generator = Path.Combine(RepoPaths.Root, "benchmarks", "data", "generate.py");
        var result = ChildProcess.Run(PythonPeer.Interpreter, [generator, path, "20000"], timeout: TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, result.StandardError);
        var lines = File.ReadAllLines(path);
        File.AppendAllLines(path, lines.Skip(1).Take(25));
        Compare(path);
    }

    private static void Compare(string path)
    {
        using var expected = JsonDocument.Parse(PythonPeer.Run(PandasScript, [path], timeout: TimeSpan.FromMinutes(3)));
        var frame = Frame.ReadCsv(path);
        var profile = frame.Profile();
        var root = expected.RootElement;

        profile.DuplicateRows.Should().Be(root.GetProperty("duplicates").GetInt64(), "duplicate rows");
        var numeric = root.GetProperty("numeric").EnumerateArray().Select(e => e.GetString()!).ToArray();
        profile.Pearson.Names.Should().Equal(numeric, "the same columns are numeric for pandas and for us");

        foreach (var column in root.GetProperty("stats").EnumerateObject())
        {
            var ours = profile[column.Name];
            var theirs = column.Value;
            ours.Missing.Should().Be(theirs.GetProperty("missing").GetInt64(), $"{column.Name} missing");
            ours.Count.Should().Be(theirs.GetProperty("count").GetInt64(), $"{column.Name} count");
            ours.Distinct.Should().Be(theirs.GetProperty("distinct").GetInt64(), $"{column.Name} distinct");
            if (numeric.Contains(column.Name))
            {
                Close(ours.Mean, theirs, "mean", column.Name);
                Close(ours.Std, theirs, "std", column.Name);
                Close(ours.Min, theirs, "min", column.Name);
                Close(ours.Max, theirs, "max", column.Name);
                Close(ours.Q25, theirs, "q25", column.Name);
                Close(ours.Median, theirs, "median", column.Name);
                Close(ours.Q75, theirs, "q75", column.Name);
                Close(ours.Skew, theirs, "skew", column.Name);
            }
            else if (ours.Type != ColumnType.DateTime)
            {
                var top = theirs.GetProperty("top").EnumerateArray().Select(e => (e[0].GetString(), e[1].GetInt64())).ToArray();
                ours.TopValues.Take(top.Length).Select(v => v.Count).Should().Equal(top.Select(t => t.Item2), $"{column.Name} top counts");
            }
        }

        Matrix(profile.Pearson, root.GetProperty("pearson"), "pearson");
        Matrix(profile.Spearman!, root.GetProperty("spearman"), "spearman");
    }

    private static void Close(double? ours, JsonElement theirs, string statistic, string column)
    {
        var expected = theirs.GetProperty(statistic);
        if (expected.ValueKind == JsonValueKind.Null)
        {
            (ours is null || double.IsNaN(ours.Value)).Should().BeTrue($"{column} {statistic} is undefined for pandas");
            return;
        }

        ours.Should().NotBeNull($"{column} {statistic}");
        var e = expected.GetDouble();
        Math.Abs(ours!.Value - e).Should().BeLessThanOrEqualTo(Tolerance * Math.Max(1, Math.Abs(e)), $"{column} {statistic}: ours {ours:R}, pandas {e:R}");
    }

    private static void Matrix(CorrelationMatrix ours, JsonElement theirs, string method)
    {
        var rows = theirs.EnumerateArray().ToArray();
        rows.Length.Should().Be(ours.Names.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var values = rows[i].EnumerateArray().ToArray();
            for (var j = 0; j < values.Length; j++)
            {
                var pair = $"{method} {ours.Names[i]} ~ {ours.Names[j]}";
                if (values[j].ValueKind == JsonValueKind.Null)
                {
                    double.IsNaN(ours[i, j]).Should().BeTrue($"{pair} is undefined for pandas");
                    continue;
                }

                var e = values[j].GetDouble();
                Math.Abs(ours[i, j] - e).Should().BeLessThanOrEqualTo(Tolerance, $"{pair}: ours {ours[i, j]:R}, pandas {e:R}");
            }
        }
    }
}
