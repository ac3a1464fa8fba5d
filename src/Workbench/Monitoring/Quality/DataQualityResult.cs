using Workbench.Monitoring.ModelMonitorFormat;

namespace Workbench.Monitoring.Quality;

/// <summary>Every data-quality check of a batch, and the Model Monitor constraint violations.</summary>
public sealed record DataQualityResult(IReadOnlyList<QualityCheck> Checks, IReadOnlyList<ConstraintViolation> Violations)
{
    public IReadOnlyList<QualityCheck> Failures => Checks.Where(c => !c.Passed).OrderByDescending(c => c.Severity).ThenBy(c => c.Kind).ThenBy(c => c.Column, StringComparer.Ordinal).ToList();

    public int Critical => Checks.Count(c => !c.Passed && c.Severity == QualitySeverity.Critical);

    public int Major => Checks.Count(c => !c.Passed && c.Severity == QualitySeverity.Major);

    public int Minor => Checks.Count(c => !c.Passed && c.Severity == QualitySeverity.Minor);

    public bool Passed => Checks.All(c => c.Passed);

    public override string ToString() =>
        Passed ? $"All {Checks.Count} quality checks passed" : $"{Failures.Count} of {Checks.Count} quality checks failed ({Critical} critical, {Major} major, {Minor} minor)";
}
