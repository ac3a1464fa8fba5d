using Workbench.Data;
using Workbench.Data.Splits;
using Workbench.Testing;

namespace Workbench.Tests.Data.Splits;

public sealed class DataSplitTests
{
    private static readonly Frame Patients = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));

    [Fact]
    public void Random_split_partitions_every_row_once_and_repeats_for_the_same_seed()
    {
        var split = DataSplit.TrainValidationTest(Patients, 0.15, 0.2, seed: 42);
        split.Test.Length.Should().Be(1000);
        split.Validation.Length.Should().Be(750);
        split.Train.Length.Should().Be(3250);
        Partition(split.Train, split.Validation, split.Test).Should().Equal(Enumerable.Range(0, 5000));
        split.Train.Should().BeInAscendingOrder();
        DataSplit.TrainValidationTest(Patients, 0.15, 0.2, seed: 42).Test.Should().Equal(split.Test);
        DataSplit.TrainValidationTest(Patients, 0.15, 0.2, seed: 43).Test.Should().NotEqual(split.Test);
        var (train, test) = Patients.TrainTestSplit(0.25, seed: 1);
        (train.RowCount, test.RowCount).Should().Be((3750, 1250));
    }

    [Fact]
    public void Stratified_split_keeps_class_proportions()
    {
        var split = DataSplit.TrainValidationTest(Patients, 0.2, 0.2, seed: 7, stratify: "readmitted_30d");
        var label = Patients.Get<Int64Column>("readmitted_30d");
        double Rate(int[] rows) => rows.Average(r => (double)label.Values[r]);
        var overall = label.Mean();
        Rate(split.Train).Should().BeApproximately(overall, 0.5 / split.Train.Length + 1e-9);
        Rate(split.Validation).Should().BeApproximately(overall, 1.0 / split.Validation.Length + 1e-9);
        Rate(split.Test).Should().BeApproximately(overall, 1.0 / split.Test.Length + 1e-9);
        split.Test.Length.Should().Be(1000);
        Partition(split.Train, split.Validation, split.Test).Should().Equal(Enumerable.Range(0, 5000));
    }

    [Fact]
    public void Grouped_split_never_puts_a_group_in_two_parts()
    {
        var frame = Patients.Copy();
        frame["site"] = new Int64Column("site", Enumerable.Range(0, 5000).Select(i => (long)(i % 97)).ToArray());
        var split = DataSplit.TrainValidationTest(frame, 0.2, 0.2, seed: 3, group: "site");
        var site = frame.Get<Int64Column>("site").Values.ToArray();
        var train = split.Train.Select(r => site[r]).ToHashSet();
        var validation = split.Validation.Select(r => site[r]).ToHashSet();
        var test = split.Test.Select(r => site[r]).ToHashSet();
        train.Overlaps(test).Should().BeFalse();
        train.Overlaps(validation).Should().BeFalse();
        validation.Overlaps(test).Should().BeFalse();
        split.Test.Length.Should().BeInRange(1000, 1000 + 52);
        Partition(split.Train, split.Validation, split.Test).Should().Equal(Enumerable.Range(0, 5000));
        var both = () => DataSplit.TrainTest(frame, 0.2, 1, stratify: "sex", group: "site");
        both.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Time_ordered_split_trains_on_the_past_and_keeps_equal_times_together()
    {
        var split = DataSplit.TimeOrdered(Patients, "admitted_at", 0.1, 0.2);
        var when = Patients.Get<DateTimeColumn>("admitted_at").Values.ToArray();
        split.Train.Max(r => when[r]).Should().BeOnOrBefore(split.Validation.Min(r => when[r]));
        split.Validation.Max(r => when[r]).Should().BeOnOrBefore(split.Test.Min(r => when[r]));
        split.Test.Length.Should().Be(1000);

        var ties = new Frame(new Int64Column("t", [1L, 1, 1, 2, 2, 3, 3, 3, 3, 4]));
        var tied = DataSplit.TimeOrdered(ties, "t", 0, 0.3);
        tied.Test.Should().Equal(5, 6, 7, 8, 9);
        var missing = () => DataSplit.TimeOrdered(Frame.FromArrays(("t", new double?[] { 1, null })), "t", 0, 0.5);
        missing.Should().Throw<InvalidOperationException>().WithMessage("*'t' has 1 missing values*");
        var text = () => DataSplit.TimeOrdered(Patients, "sex", 0, 0.5);
        text.Should().Throw<InvalidOperationException>().WithMessage("*'sex' is category*");
    }

    [Fact]
    public void Fractions_must_leave_rows_for_training()
    {
        var act = () => DataSplit.TrainValidationTest(Patients, 0.5, 0.5, seed: 1);
        act.Should().Throw<ArgumentOutOfRangeException>();
        var negative = () => DataSplit.TrainTest(Patients, -0.1, seed: 1);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void K_fold_sizes_follow_scikit_learn_and_every_row_is_held_out_once()
    {
        var folds = DataSplit.KFold(10, 3, seed: 0);
        folds.Select(f => f.Test.Length).Should().Equal(4, 3, 3);
        folds.SelectMany(f => f.Test).Order().Should().Equal(Enumerable.Range(0, 10));
        folds.Should().OnlyContain(f => f.Train.Length + f.Test.Length == 10 && !f.Train.Intersect(f.Test).Any());
        DataSplit.KFold(10, 3, seed: 0, shuffle: false)[0].Test.Should().Equal(0, 1, 2, 3);
        DataSplit.KFold(10, 3, seed: 5)[0].Test.Should().Equal(DataSplit.KFold(10, 3, seed: 5)[0].Test);
        var tooMany = () => DataSplit.KFold(3, 4, seed: 0);
        tooMany.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*4 folds need at least 4 rows*");
        var tooFew = () => DataSplit.KFold(3, 1, seed: 0);
        tooFew.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Stratified_k_fold_spreads_each_class_evenly()
    {
        var folds = DataSplit.StratifiedKFold(Patients, "readmitted_30d", 5, seed: 11);
        var label = Patients.Get<Int64Column>("readmitted_30d");
        var positives = (int)label.Sum();
        foreach (var fold in folds)
        {
            fold.Test.Length.Should().BeInRange(999, 1001);
            fold.Test.Count(r => label.Values[r] == 1).Should().BeInRange(positives / 5, (positives / 5) + 1);
        }

        folds.SelectMany(f => f.Test).Order().Should().Equal(Enumerable.Range(0, 5000));
        var (train, test) = folds[0].Apply(Patients);
        (train.RowCount + test.RowCount).Should().Be(5000);
    }

    [Fact]
    public void Group_k_fold_balances_fold_sizes_without_splitting_groups()
    {
        var frame = new Frame(new StringColumn("g", ["a", "a", "a", "b", "b", "c", "d", "d", "e", "f"]));
        var folds = DataSplit.GroupKFold(frame, "g", 3);
        folds.Select(f => f.Test.Length).Should().Equal(4, 3, 3);
        foreach (var fold in folds)
        {
            var held = fold.Test.Select(r => frame["g"].Format(r)).ToHashSet();
            fold.Train.Select(r => frame["g"].Format(r)).Should().NotIntersectWith(held);
        }

        var act = () => DataSplit.GroupKFold(frame, "g", 7);
        act.Should().Throw<ArgumentException>().WithMessage("*6 groups, fewer than the 7 folds*");
    }

    private static int[] Partition(params int[][] parts) => parts.SelectMany(p => p).Order().ToArray();
}
