using Workbench.Data;
using Workbench.Data.Splits;
using Workbench.Features;

namespace Workbench.Tests.Features;

public sealed class TargetEncoderTests
{
    private static readonly Frame Small = Frame.FromArrays(
        ("ward", new[] { "a", "a", "a", "b", "b", "c", null, "a", "b", "c" }),
        ("readmitted", new[] { 1.0, 0, 1, 0, 0, 1, 1, 1, 0, 0 }));

    [Fact]
    public void Fit_uses_the_documented_smoothed_mean_over_all_rows()
    {
        var encoder = new TargetEncoder { Smoothing = 2 }.Fit(Small.Select("ward"), Small["readmitted"]);
        var prior = 5 / 10.0;
        encoder.Prior.Should().Be(prior);
        encoder.Encodings[0]["a"].Should().BeApproximately((3 + (2 * prior)) / (4 + 2), 1e-15);
        encoder.Encodings[0]["b"].Should().BeApproximately((0 + (2 * prior)) / (3 + 2), 1e-15);
        encoder.Encodings[0]["null"].Should().BeApproximately((1 + (2 * prior)) / (1 + 2), 1e-15);
        var unseen = encoder.Transform(Frame.FromArrays(("ward", new[] { "z", "a" })));
        FeatureData.Values(unseen["ward"]).Should().Equal(prior, encoder.Encodings[0]["a"]);
    }

    [Fact]
    public void FitTransform_encodes_each_fold_from_the_other_folds_only()
    {
        var encoder = new TargetEncoder { Folds = 5, Seed = 3, Smoothing = 1 };
        var outOfFold = encoder.FitTransform(Small.Select("ward"), Small["readmitted"]);
        var y = Small.Get<DoubleColumn>("readmitted").Values.ToArray();
        var ward = Enumerable.Range(0, 10).Select(r => (string?)Small["ward"][r]).ToArray();
        foreach (var fold in DataSplit.KFold(10, 5, 3))
        {
            var prior = fold.Train.Average(r => y[r]);
            foreach (var row in fold.Test)
            {
                var same = fold.Train.Where(r => ward[r] == ward[row]).ToArray();
                var expected = (same.Sum(r => y[r]) + prior) / (same.Length + 1);
                ((double)outOfFold["ward"][row]!).Should().BeApproximately(expected, 1e-12, $"row {row}");
            }
        }

        var full = encoder.Transform(Small.Select("ward"));
        FeatureData.Values(full["ward"]).Should().NotEqual(FeatureData.Values(outOfFold["ward"]), "the full fit sees each row's own target");
    }

    [Fact]
    public void Out_of_fold_values_are_deterministic_for_a_seed()
    {
        var frame = FeatureData.Patients;
        var a = new TargetEncoder { Seed = 7 }.FitTransform(frame.Select("department", "insurance"), frame["readmitted_30d"]);
        var b = new TargetEncoder { Seed = 7 }.FitTransform(frame.Select("department", "insurance"), frame["readmitted_30d"]);
        var c = new TargetEncoder { Seed = 8 }.FitTransform(frame.Select("department", "insurance"), frame["readmitted_30d"]);
        FeatureData.Values(a["department"]).Should().Equal(FeatureData.Values(b["department"]));
        FeatureData.Values(a["department"]).Should().NotEqual(FeatureData.Values(c["department"]));
    }

    [Fact]
    public void A_two_class_text_target_counts_the_second_class_in_ordinal_order_and_more_classes_fail()
    {
        var cancer = FeatureData.Cancer();
        var bins = new KBinsDiscretizer(4, BinStrategy.Quantile, BinEncoding.Ordinal).FitTransform(cancer.Select("mean_radius"));
        var encoder = new TargetEncoder().Fit(bins, cancer["diagnosis"]);
        encoder.PositiveClass.Should().Be("malignant");
        encoder.Encodings[0]["3"].Should().BeGreaterThan(encoder.Encodings[0]["0"], "large radii are mostly malignant");

        var three = Frame.FromArrays(("y", new[] { "a", "b", "c" }));
        FluentActions.Invoking(() => new TargetEncoder().Fit(Frame.FromArrays(("x", new[] { "p", "q", "r" })), three["y"]))
            .Should().Throw<ArgumentException>().WithMessage("TargetEncoder: the target 'y' has 3 classes*");
        FluentActions.Invoking(() => new TargetEncoder().Fit(Small.Select("ward")))
            .Should().Throw<ArgumentException>().WithMessage("TargetEncoder needs a target column to fit*");
    }
}
