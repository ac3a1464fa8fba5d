using Workbench.Data;
using Workbench.Testing;

namespace Workbench.Tests.Features;

/// <summary>The data samples the feature tests read, and small frames built in code.</summary>
internal static class FeatureData
{
    private static readonly Lazy<Frame> PatientsLazy = new(() => Frame.ReadCsv(RepoPaths.Combine("data-samples", "patients.csv")));

    /// <summary>data-samples/patients.csv (read once; frames are immutable).</summary>
    public static Frame Patients => PatientsLazy.Value;

    public static Frame Batch(string name) => Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", name + ".csv"));

    public static Frame Cancer() => Frame.ReadCsv(RepoPaths.Combine("data-samples", "breast_cancer.csv"));

    /// <summary>A column's values as doubles (null where missing).</summary>
    public static double?[] Values(Column column) => Enumerable.Range(0, column.Length).Select(i => column[i] is null ? (double?)null : Convert.ToDouble(column[i], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
