using Workbench.Data;
using Workbench.Features.Validation;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Quality;

namespace Workbench.Tests.Monitoring;

/// <summary>A feature schema's declarations win over what the reference happened to show.</summary>
public sealed class SchemaDeclarationsTests
{
    private static readonly Frame Reference = MonitoringSamples.Table(400, seed: 1)
        .Add(new DoubleColumn("y", MonitoringSamples.Normal(400, 5, 1, 9)));

    [Fact]
    public void Declared_ranges_completeness_domains_and_optional_columns_drive_the_checks()
    {
        var schema = DataSchema.Infer(Reference);
        schema.Column("y").WithRange(0, 100).WithTolerance(0).AllowNulls(0.2);
        schema.Column("color").WithCategories(["red", "green", "blue", "purple"]);
        schema.Column("flag").OnlyIn(SchemaEnvironments.Training);
        var baseline = Baseline.Fit(Reference, new BaselineOptions { Schema = schema });

        baseline["y"].AllowedRange.Should().Be((0.0, 100.0));
        baseline["flag"].Required.Should().BeFalse();
        baseline.Constraints.Find("y")!.Completeness.Should().BeApproximately(0.8, 1e-12);
        baseline.Constraints.Find("color")!.Domains.Should().Equal("blue", "green", "purple", "red");

        // y at 50 lies far outside the reference's range but inside the schema's; 10 % missing is within the declared 20 %;
        // purple is a declared category; flag is a training-only column, absent in serving.
        var batch = MonitoringSamples.Table(200, seed: 2).Drop("flag").Copy();
        batch.Remove("color").Add(new StringColumn("color", MonitoringSamples.Labels(200, [("red", 0.4), ("green", 0.3), ("blue", 0.2), ("purple", 0.1)], 3)));
        batch.Add(new DoubleColumn("y", Enumerable.Range(0, 200).Select(i => i % 10 == 0 ? (double?)null : 50.0).ToArray()));

        var quality = DataQuality.Check(baseline, batch);

        quality.Failures.Where(f => f.Kind != QualityCheckKind.ConstantColumn).Should().BeEmpty(string.Join("; ", quality.Failures));
        quality.Checks.Should().Contain(c => c.Kind == QualityCheckKind.MissingColumn && c.Column == "flag" && c.Passed && c.Description.Contains("does not require"));
        quality.Checks.Should().Contain(c => c.Kind == QualityCheckKind.OutOfRange && c.Column == "y" && c.Description.Contains("schema's range [0, 100]"));
        quality.Violations.Should().NotContain(v => v.FeatureName == "color" && v.ConstraintCheckType == "categorical_values_check");

        var outside = batch.Copy().Remove("y").Add(new DoubleColumn("y", Enumerable.Repeat(150.0, 200).ToArray()));
        DataQuality.Check(baseline, outside).Failures.Should().Contain(f => f.Kind == QualityCheckKind.OutOfRange && f.Column == "y");
    }
}
