using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Multivariate;

namespace Workbench.Tests.Monitoring;

/// <summary>The domain classifier: cross-validated ROC AUC against its 0.55 threshold.</summary>
public sealed class DomainClassifierTests
{
    /// <summary>Eight features; each shifted by <paramref name="shift"/> standard deviations.</summary>
    private static Frame Wide(int rows, int seed, double shift) =>
        new(Enumerable.Range(0, 8).Select(j => (Column)new DoubleColumn($"f{j}", MonitoringSamples.Normal(rows, shift, 1, seed + j))));

    [Fact]
    public void A_resample_is_not_told_apart_and_a_shift_is()
    {
        var baseline = Baseline.Fit(Wide(2000, 1, 0));

        var same = DomainClassifier.Test(baseline, Wide(2000, 100, 0));
        var shifted = DomainClassifier.Test(baseline, Wide(2000, 200, 0.3));

        same.Tested.Should().BeTrue();
        same.Threshold.Should().Be(0.55);
        same.RocAuc.Should().BeLessThan(0.55);
        same.Drifted.Should().BeFalse();
        same.FoldAucs.Should().HaveCount(5);
        shifted.RocAuc.Should().BeGreaterThan(0.6);
        shifted.Drifted.Should().BeTrue();
        shifted.RowsPerSide.Should().Be(2000);
        shifted.TopFeatures.Should().NotBeEmpty();
    }

    [Fact]
    public void Small_shifts_spread_over_many_features_are_caught_jointly()
    {
        // 0.1 std on each of eight features: each column alone is a small move, together they separate.
        var baseline = Baseline.Fit(Wide(3000, 1, 0));
        var current = Wide(3000, 300, 0.1);

        var joint = DomainClassifier.Test(baseline, current);

        joint.Drifted.Should().BeTrue(joint.ToString());
    }

    [Fact]
    public void Without_reference_rows_or_with_too_few_rows_it_says_why_it_did_not_test()
    {
        var baseline = Baseline.Fit(Wide(500, 1, 0));

        DomainClassifier.Test(baseline, Wide(5, 2, 0)).NotTested.Should().Contain("too few rows");
        DomainClassifier.Test(baseline, Frame.FromArrays(("other", new[] { 1.0, 2.0 }))).NotTested.Should().Contain("no numeric or categorical feature");
        var bad = () => DomainClassifier.Test(baseline, Wide(50, 2, 0), new DomainClassifierOptions { Folds = 1 });
        bad.Should().Throw<ArgumentException>();
    }
}
