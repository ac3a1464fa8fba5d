using System.Text.Json;
using Workbench.Data;
using Workbench.Features;
using Workbench.Testing;

namespace Workbench.Tests.Features.Conformance;

/// <summary>
/// Runs a scikit-learn snippet (Debian's python3-sklearn 1.2) on the data samples and compares its output with
/// ours to 1e-9. The snippet sees <c>patients</c>, <c>cancer</c> (pandas frames read from data-samples) and
/// numpy / pandas / sklearn, and assigns <c>out</c> (array, sparse matrix or frame); <c>names</c> optionally.
/// </summary>
internal static class Sklearn
{
    public const double Tolerance = 1e-9;

    private const string Prelude = """
        import json, sys, warnings
        import numpy as np, pandas as pd, scipy.sparse as sp
        import sklearn
        warnings.simplefilter("ignore")
        patients = pd.read_csv("data-samples/patients.csv")
        cancer = pd.read_csv("data-samples/breast_cancer.csv")
        names = None

        """;

    private const string Epilogue = """

        if sp.issparse(out):
            out = out.toarray()
        out = np.asarray(out, dtype=float)
        rows = [[None if np.isnan(v) else float(v) for v in row] for row in out]
        print(json.dumps({"values": rows, "names": None if names is None else [str(n) for n in names], "version": sklearn.__version__}))
        """;

    /// <summary>The snippet's output as rows of doubles (null where NaN), and its names if it set them.</summary>
    public static (double?[][] Rows, string[]? Names) Run(string snippet)
    {
        var output = PythonPeer.Run(Prelude + snippet + Epilogue, workingDirectory: RepoPaths.Root, timeout: TimeSpan.FromMinutes(2));
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        json.RootElement.GetProperty("version").GetString().Should().StartWith("1.2", "the cross-checks pin Debian's scikit-learn 1.2");
        var rows = json.RootElement.GetProperty("values").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray())
            .ToArray();
        var names = json.RootElement.GetProperty("names").ValueKind == JsonValueKind.Null
            ? null
            : json.RootElement.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToArray();
        return (rows, names);
    }

    public static Frame Patients() => Frame.ReadCsv(RepoPaths.Combine("data-samples", "patients.csv"));

    public static Frame Cancer() => Frame.ReadCsv(RepoPaths.Combine("data-samples", "breast_cancer.csv"));

    /// <summary>Asserts a frame of float64 features equals scikit-learn's rows to 1e-9 (relative above 1); null matches NaN.</summary>
    public static void ShouldMatch(Frame actual, double?[][] expected)
    {
        actual.RowCount.Should().Be(expected.Length, "row counts must agree");
        var width = expected.Length == 0 ? 0 : expected[0].Length;
        actual.ColumnCount.Should().Be(width, "feature counts must agree");
        var buffer = new double[actual.RowCount];
        for (var c = 0; c < width; c++)
        {
            var column = actual[c];
            column.Type.Should().Be(ColumnType.Double, $"feature '{column.Name}' should be float64");
            column.CopyNumbers(buffer);
            for (var r = 0; r < buffer.Length; r++)
            {
                Compare(expected[r][c], column.IsNull(r) ? null : buffer[r], column.Name, r);
            }
        }
    }

    /// <summary>Asserts a sparse block equals scikit-learn's dense rows to 1e-9.</summary>
    public static void ShouldMatch(SparseFeatures actual, double?[][] expected)
    {
        actual.RowCount.Should().Be(expected.Length);
        actual.ColumnCount.Should().Be(expected.Length == 0 ? 0 : expected[0].Length);
        for (var r = 0; r < expected.Length; r++)
        {
            var row = actual.DenseRow(r);
            for (var c = 0; c < row.Length; c++)
            {
                Compare(expected[r][c], row[c], actual.FeatureNames[c], r);
            }
        }
    }

    private static void Compare(double? expected, double? actual, string feature, int row)
    {
        if (expected is null || actual is null)
        {
            actual.Should().Be(expected, $"feature '{feature}', row {row}: missing must match NaN");
            return;
        }

        var tolerance = Tolerance * Math.Max(1, Math.Abs(expected.Value));
        if (Math.Abs(actual.Value - expected.Value) > tolerance)
        {
            actual.Value.Should().BeApproximately(expected.Value, tolerance, $"feature '{feature}', row {row}");
        }
    }
}
