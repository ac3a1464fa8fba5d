using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Drift;

namespace Workbench.Tests.Monitoring;

/// <summary>Every drift method on a column built to drift and on one built not to; the automatic choice; overrides; the dataset verdict.</summary>
public sealed class DriftMethodTests
{
    private static readonly Frame SmallReference = MonitoringSamples.Table(500, seed: 1);
    private static readonly Frame SmallSame = MonitoringSamples.Table(400, seed: 11);
    private static readonly Frame SmallShifted = MonitoringSamples.Table(400, seed: 21, shift: true);

    [Fact]
    public void Small_reference_picks_ks_chi_square_and_z_test_as_Evidently_does()
    {
        var result = DataDrift.Detect(SmallReference, SmallSame);

        result["x"]!.Method.Should().Be(DriftMethod.KolmogorovSmirnov);
        result["color"]!.Method.Should().Be(DriftMethod.ChiSquare);
        result["flag"]!.Method.Should().Be(DriftMethod.ZTest);
        result.Columns.Should().OnlyContain(c => c.Threshold == 0.05 && c.PValue != null);
        result.Columns.Should().OnlyContain(c => !c.Drifted, "the batch comes from the reference's distributions");
        result.DatasetDrift.Should().BeFalse();
        result.DriftShare.Should().Be(0);
    }

    [Fact]
    public void Small_reference_tests_flag_the_shifted_batch()
    {
        var result = DataDrift.Detect(SmallReference, SmallShifted);

        result.Columns.Should().OnlyContain(c => c.Drifted && c.PValue < 0.05);
        result.DatasetDrift.Should().BeTrue();
        result.DriftShare.Should().Be(1);
    }

    [Fact]
    public void Large_reference_picks_normed_Wasserstein_and_Jensen_Shannon()
    {
        var reference = MonitoringSamples.Table(3000, seed: 2);
        var same = DataDrift.Detect(reference, MonitoringSamples.Table(2000, seed: 12));
        var shifted = DataDrift.Detect(reference, MonitoringSamples.Table(2000, seed: 22, shift: true));

        same["x"]!.Method.Should().Be(DriftMethod.Wasserstein);
        same["color"]!.Method.Should().Be(DriftMethod.JensenShannon);
        same["flag"]!.Method.Should().Be(DriftMethod.JensenShannon);
        same.Columns.Should().OnlyContain(c => c.PValue == null && c.Threshold == 0.1 && !c.Drifted && c.Statistic < 0.1);
        shifted.Columns.Should().OnlyContain(c => c.Drifted && c.Statistic >= 0.1);

        // A one-std shift of a unit normal moves the Wasserstein distance by one std.
        shifted["x"]!.Statistic.Should().BeApproximately(1.0, 0.1);
    }

    [Fact]
    public void Numbers_with_few_distinct_values_are_tested_as_labels()
    {
        var reference = Frame.FromArrays(("visits", Enumerable.Range(0, 300).Select(i => (double)(i % 4)).ToArray()));
        var current = Frame.FromArrays(("visits", Enumerable.Range(0, 300).Select(i => (double)(i % 4 == 3 ? 0 : i % 4)).ToArray()));

        var result = DataDrift.Detect(reference, current)["visits"]!;

        result.Method.Should().Be(DriftMethod.ChiSquare);
        result.Drifted.Should().BeTrue();
    }

    public static TheoryData<DriftMethod> NumericMethods() =>
    [
        DriftMethod.KolmogorovSmirnov, DriftMethod.Wasserstein, DriftMethod.Psi, DriftMethod.KullbackLeibler, DriftMethod.JensenShannon,
        DriftMethod.Hellinger, DriftMethod.AndersonDarling, DriftMethod.CramerVonMises, DriftMethod.LInfinity, DriftMethod.LInfinityRobust,
    ];

    [Theory]
    [MemberData(nameof(NumericMethods))]
    public void Every_numeric_method_tells_a_shift_from_a_resample(DriftMethod method)
    {
        // Binned distances carry sampling noise of about bins / n: 3,000 and 2,000 rows keep a resample well below 0.1.
        var options = new DriftOptions { Method = method, Bins = 10 };
        var reference = MonitoringSamples.Table(3000, seed: 3);

        var same = DataDrift.Detect(reference, MonitoringSamples.Table(2000, seed: 13), options)["x"]!;
        var shifted = DataDrift.Detect(reference, MonitoringSamples.Table(2000, seed: 23, shift: true), options)["x"]!;

        same.Method.Should().Be(method);
        shifted.Method.Should().Be(method);
        same.Drifted.Should().BeFalse(same.ToString());
        shifted.Drifted.Should().BeTrue(shifted.ToString());
        same.Threshold.Should().Be(method.DefaultThreshold());
        (same.PValue is not null).Should().Be(method.Score() == DriftScore.PValue);
    }

    public static TheoryData<DriftMethod> LabelMethods() =>
    [
        DriftMethod.ChiSquare, DriftMethod.Psi, DriftMethod.KullbackLeibler, DriftMethod.JensenShannon, DriftMethod.Hellinger,
        DriftMethod.LInfinity, DriftMethod.LInfinityRobust,
    ];

    [Theory]
    [MemberData(nameof(LabelMethods))]
    public void Every_label_method_tells_a_shift_from_a_resample(DriftMethod method)
    {
        var options = new DriftOptions { ColumnMethods = new Dictionary<string, DriftMethod> { ["color"] = method } };

        var same = DataDrift.Detect(SmallReference, SmallSame, options)["color"]!;
        var shifted = DataDrift.Detect(SmallReference, SmallShifted, options)["color"]!;

        same.Method.Should().Be(method);
        same.Drifted.Should().BeFalse(same.ToString());
        shifted.Drifted.Should().BeTrue(shifted.ToString());
        shifted.Distribution!.Labels.Should().BeEquivalentTo(["blue", "green", "red"]);
    }

    [Fact]
    public void A_global_method_applies_only_where_it_can_test_and_a_per_column_one_wins()
    {
        var options = new DriftOptions
        {
            Method = DriftMethod.CramerVonMises,
            ColumnMethods = new Dictionary<string, DriftMethod> { ["flag"] = DriftMethod.Psi },
            ColumnThresholds = new Dictionary<string, double> { ["flag"] = 5.0 },
        };

        var result = DataDrift.Detect(SmallReference, SmallShifted, options);

        result["x"]!.Method.Should().Be(DriftMethod.CramerVonMises);
        result["color"]!.Method.Should().Be(DriftMethod.ChiSquare, "Cramér-von Mises compares numbers; labels keep the automatic choice");
        result["flag"]!.Method.Should().Be(DriftMethod.Psi);
        result["flag"]!.Threshold.Should().Be(5.0);
        result["flag"]!.Drifted.Should().BeFalse("a PSI below the column's own threshold of 5 is no drift");
    }

    [Fact]
    public void A_per_column_method_that_cannot_test_the_column_is_a_clear_error()
    {
        var numbersOnLabels = () => DataDrift.Detect(SmallReference, SmallSame, new DriftOptions { ColumnMethods = new Dictionary<string, DriftMethod> { ["color"] = DriftMethod.KolmogorovSmirnov } });
        var zOnThree = () => DataDrift.Detect(SmallReference, SmallSame, new DriftOptions { ColumnMethods = new Dictionary<string, DriftMethod> { ["color"] = DriftMethod.ZTest } });
        var unknownColumn = () => DataDrift.Detect(SmallReference, SmallSame, new DriftOptions { ColumnMethods = new Dictionary<string, DriftMethod> { ["colour"] = DriftMethod.Psi } });

        numbersOnLabels.Should().Throw<ArgumentException>().WithMessage("*color*compares numbers*");
        zOnThree.Should().Throw<ArgumentException>().WithMessage("*color*two values*3*");
        unknownColumn.Should().Throw<Exception>().WithMessage("*colour*");
    }

    [Fact]
    public void The_dataset_drifts_when_the_share_of_drifted_features_reaches_the_threshold()
    {
        // x and flag shifted, color unchanged: two of three features drift.
        var current = MonitoringSamples.Table(400, seed: 31, shift: true).Drop("color")
            .Add(SmallSame["color"]);

        var half = DataDrift.Detect(SmallReference, current);
        var strict = DataDrift.Detect(SmallReference, current, new DriftOptions { DriftShare = 0.7 });

        half.DriftedFeatures.Should().Be(2);
        half.DriftShare.Should().BeApproximately(2.0 / 3, 1e-12);
        half.DatasetDrift.Should().BeTrue();
        strict.DatasetDrift.Should().BeFalse();
        half.Ordered.Select(c => c.Column).Last().Should().Be("color", "drifted columns come first");
    }

    [Fact]
    public void Psi_equals_its_documented_formula_on_the_binned_shares()
    {
        var result = DataDrift.Detect(SmallReference, SmallShifted, new DriftOptions { Method = DriftMethod.Psi, Bins = 10 })["x"]!;
        var distribution = result.Distribution!;

        // PSI = Σ (r - c) ln(r / c) over the bins, an empty bin's share replaced by 0.0001 (Evidently's rule).
        static double Filled(double share) => share == 0 ? 0.0001 : share;
        distribution.Reference.Concat(distribution.Current).Where(s => s > 0).Min().Should().BeGreaterThan(0.0001, "the simple fill rule applies");
        var expected = distribution.Reference.Zip(distribution.Current)
            .Sum(p => (Filled(p.First) - Filled(p.Second)) * Math.Log(Filled(p.First) / Filled(p.Second)));
        distribution.Reference.Should().HaveCount(10);
        result.Statistic.Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void Target_and_prediction_are_tested_apart_from_the_features()
    {
        var reference = SmallReference.Copy().Add(new DoubleColumn("score", MonitoringSamples.Normal(500, 0.3, 0.1, 5)));
        var current = SmallSame.Copy().Add(new DoubleColumn("score", MonitoringSamples.Normal(400, 0.6, 0.1, 6)));

        var result = DataDrift.Detect(reference, current, baselineOptions: new BaselineOptions { Prediction = "score" });

        result.Prediction!.Column.Should().Be("score");
        result.Prediction.Drifted.Should().BeTrue();
        result.TestedFeatures.Should().HaveCount(3);
        result.DatasetDrift.Should().BeFalse("prediction drift does not count among the features");
    }
}
