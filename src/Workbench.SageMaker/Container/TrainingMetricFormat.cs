using System.Globalization;
using Workbench.SageMaker.Api;

namespace Workbench.SageMaker.Container;

/// <summary>
/// How <c>workbench train</c> prints metrics, one per line, for SageMaker's <c>MetricDefinitions</c> to read from the
/// logs: <c>#metric train:loss=0.1234 epoch=3</c>. The name is <c>&lt;channel&gt;:&lt;metric&gt;</c>; the value is
/// invariant-culture, shortest round-trip; <c>epoch=N</c> follows for per-epoch values.
/// </summary>
public static class TrainingMetricFormat
{
    /// <summary>The regex value group: numbers in any notation, and NaN / Infinity.</summary>
    public const string ValuePattern = @"([-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|Infinity))";

    /// <summary>Every metric the entrypoint prints (validation metrics only with a validation channel; <c>auc</c> only for two classes).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "train:loss", "train:accuracy", "validation:loss", "validation:accuracy", "validation:auc",
    ];

    public static string Line(string name, double value, int? epoch = null) =>
        epoch is { } e
            ? string.Create(CultureInfo.InvariantCulture, $"#metric {name}={value:R} epoch={e}")
            : string.Create(CultureInfo.InvariantCulture, $"#metric {name}={value:R}");

    /// <summary>The regex for one metric, as a <c>MetricDefinitions</c> entry expects (first group is the value).</summary>
    public static string Regex(string name) => $"#metric {System.Text.RegularExpressions.Regex.Escape(name)}={ValuePattern}";

    /// <summary><see cref="MetricDefinition"/>s for every metric the entrypoint prints.</summary>
    public static IReadOnlyList<MetricDefinition> Definitions() =>
        Names.Select(n => new MetricDefinition { Name = n, Regex = Regex(n) }).ToList();
}
