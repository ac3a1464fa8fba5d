using Workbench.Data;
using Workbench.Features;

namespace Workbench.Tests.Features;

/// <summary>
/// The dense plan (column-wise numeric pipelines written straight into the matrix, what a served request's rows take)
/// against the general path: the same matrix to the bit, and the general path's errors for anything the plan declines.
/// </summary>
public sealed class DenseTransformPlanTests
{
    private static readonly Frame Cancer = FeatureData.Cancer().Drop("diagnosis");

    private static FeaturePipeline Fitted()
    {
        var names = Cancer.ColumnNames;
        return new FeaturePipeline { Remainder = RemainderPolicy.Passthrough }
            .Add("standard", ColumnSelector.Names([.. names.Take(8)]), new StandardScaler())
            .Add("robust_then_minmax", ColumnSelector.Names([.. names.Skip(8).Take(6)]), new RobustScaler(), new MinMaxScaler())
            .Add("yeo_johnson", ColumnSelector.Names([.. names.Skip(14).Take(4)]), new PowerTransformer())
            .Add("log_then_standard", ColumnSelector.Names([.. names.Skip(18).Take(4)]), new LogTransform(), new StandardScaler())
            .Fit(Cancer);
    }

    [Fact]
    public void Gives_the_general_paths_matrix_bit_for_bit_for_every_request_size()
    {
        var pipeline = Fitted();
        var plan = DenseTransformPlan.TryBuild(pipeline.Steps);
        plan.Should().NotBeNull("scalers, power and log transforms and a numeric passthrough are all column-wise");

        // More rows than the plan takes, on the parallel general path: the reference.
        var big = Frame.Concat(Enumerable.Repeat(Cancer, 16).ToArray());
        var reference = pipeline.Transform(big).Dense!;
        reference.Columns.Should().Be(30);

        foreach (var (start, count) in new[] { (0, 1), (5, 7), (100, 100), (0, 569) })
        {
            var slice = Cancer.Take(Enumerable.Range(start, count).ToArray());
            var direct = plan!.TryTransform(slice, pipeline.GetFeatureNamesOut());
            direct.Should().NotBeNull($"{count} clean rows take the plan");
            var matrix = direct!.Dense!;
            matrix.Rows.Should().Be(count);
            matrix.ColumnNames.Should().Equal(pipeline.GetFeatureNamesOut());
            direct.Blocks.Select(b => (b.Step, b.Start, b.Count)).Should().Equal(pipeline.Transform(big.Head(2)).Blocks.Select(b => (b.Step, b.Start, b.Count)));
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < matrix.Columns; c++)
                {
                    var expected = reference[start + r, c];
                    matrix[r, c].Should().Be(expected, $"row {start + r}, feature '{matrix.ColumnNames[c]}'");
                }
            }

            // Transform itself takes the plan for these frames and answers the same.
            pipeline.Transform(slice).Dense!.Values.Should().Equal(matrix.Values);
        }
    }

    [Fact]
    public void Declines_missing_infinite_and_text_cells_and_the_general_path_raises_its_own_error()
    {
        var pipeline = Fitted();
        var plan = DenseTransformPlan.TryBuild(pipeline.Steps)!;
        var names = pipeline.GetFeatureNamesOut();
        var first = Cancer.ColumnNames[0];

        var missing = WithFirstColumn(new DoubleColumn(first, new double?[] { 1.0, null, 3.0 }));
        plan.TryTransform(missing, names).Should().BeNull();
        var act = () => pipeline.Transform(missing);
        act.Should().Throw<InvalidOperationException>().WithMessage($"*leaves 1 missing values in feature '{first}'*");

        var infinite = WithFirstColumn(new DoubleColumn(first, new[] { 1.0, double.PositiveInfinity, 3.0 }));
        plan.TryTransform(infinite, names).Should().BeNull();
        act = () => pipeline.Transform(infinite);
        act.Should().Throw<ArgumentException>().WithMessage($"*'{first}', row 1*infinite*");

        var text = WithFirstColumn(new StringColumn(first, new string?[] { "1", "2", "x" }));
        plan.TryTransform(text, names).Should().BeNull();
        act = () => pipeline.Transform(text);
        act.Should().Throw<ArgumentException>().WithMessage($"*'{first}'*not numeric*");
    }

    // Scaled and passed-through features only: a request's rows are the matrix's rows, and each value becomes
    // (float)((v - center) / scale) with the plan's constants, as the general path computes it. Widths on both sides of
    // one vector.
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(30)]
    public void Row_constants_give_the_general_paths_matrix_bit_for_bit(int width)
    {
        var names = Cancer.ColumnNames.Take(width).ToArray();
        var inputs = Cancer.Select(names);
        var pipeline = new FeaturePipeline { Remainder = RemainderPolicy.Passthrough }
            .Add("standard", ColumnSelector.Names([.. names.Take(width / 2)]), new StandardScaler())
            .Add("robust", ColumnSelector.Names([.. names.Skip(width / 2).Take(Math.Max(1, width / 4))]), new RobustScaler())
            .Fit(inputs);
        var plan = DenseTransformPlan.TryBuild(pipeline.Steps)!;
        var order = pipeline.GetFeatureNamesOut().Select(n => n.Contains("__", StringComparison.Ordinal) ? n[(n.IndexOf("__", StringComparison.Ordinal) + 2)..] : n).ToArray();
        var binding = plan.Bind(order)!;
        plan.TakesRows(binding, order.Length).Should().BeTrue();
        plan.TakesRows(binding, order.Length + 1).Should().BeFalse("a request with a column no feature reads is not laid out as the matrix");
        var centers = new double[width];
        var scales = new double[width];
        plan.TryRowScaling(centers, scales).Should().BeTrue();

        // More rows than the dense plan takes, so the reference is the general path's.
        var reference = pipeline.Transform(Frame.Concat(Enumerable.Repeat(inputs, 16).ToArray())).Dense!;
        var rows = inputs.RowCount;
        var matrix = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < width; c++)
            {
                matrix[(r * width) + c] = (float)((((DoubleColumn)inputs[order[c]]).Values[r] - centers[c]) / scales[c]);
            }
        }

        var written = plan.RowMatrix(matrix, rows, pipeline.GetFeatureNamesOut()).Dense!;
        written.ColumnNames.Should().Equal(pipeline.GetFeatureNamesOut());
        written.Values.Select(BitConverter.SingleToInt32Bits).Should().Equal(reference.Values.Take(rows * width).Select(BitConverter.SingleToInt32Bits), $"{rows} rows of {width}");
    }

    [Fact]
    public void Is_not_built_for_pipelines_with_encoders_or_imputers()
    {
        var patients = FeaturePipelineTests.PatientsPipeline().Fit(FeatureData.Patients, target: "readmitted_30d");
        DenseTransformPlan.TryBuild(patients.Steps).Should().BeNull();
        var imputed = new FeaturePipeline().Add("bmi", "bmi", new SimpleImputer(ImputeStrategy.Median), new StandardScaler()).Fit(FeatureData.Patients);
        DenseTransformPlan.TryBuild(imputed.Steps).Should().BeNull();
    }

    private static Frame WithFirstColumn(Column replacement)
    {
        var rows = Cancer.Head(replacement.Length);
        rows[replacement.Name] = replacement;
        return rows;
    }
}
