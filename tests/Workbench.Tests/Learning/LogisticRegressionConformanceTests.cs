using System.Text.Json;
using Workbench.Learning.Estimators;
using Workbench.Learning.Metrics;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

/// <summary>
/// LogisticRegression against scikit-learn's <c>LogisticRegression(C=1.0)</c> (lbfgs) on the same standardised
/// split: test accuracy within 0.5 point, and coefficients close — tightly to a tightly converged sklearn fit
/// (same optimum), loosely to the default one (both stop at tol = 1e-4).
/// </summary>
public sealed class LogisticRegressionConformanceTests
{
    [Theory]
    [InlineData("breast_cancer.csv", "diagnosis")]
    [InlineData("digits.csv", "label")]
    public void Matches_sklearn_accuracy_and_coefficients(string file, string label)
    {
        var (x, y) = SampleData.Load(file, label);
        var (trainRows, testRows) = SampleData.Split(x.Rows, seed: 5);
        var (train, test) = SampleData.Standardize(SampleData.Rows(x, trainRows), SampleData.Rows(x, testRows));
        var yTrain = SampleData.Rows(y, trainRows);
        var yTest = SampleData.Rows(y, testRows);

        var model = new LogisticRegression { C = 1.0 }.Fit(train, yTrain);
        var tight = new LogisticRegression { C = 1.0, Tolerance = 1e-9, MaxIterations = 5000 }.Fit(train, yTrain);
        var accuracy = Metrics.Accuracy(yTest, model.Predict(test));

        var sk = Sklearn(file, label, trainRows, testRows);
        model.Classes.Should().Equal(sk.GetProperty("classes").EnumerateArray().Select(c => c.ToString()));
        (accuracy * 100).Should().BeApproximately(sk.GetProperty("accuracy").GetDouble() * 100, 0.5, "test accuracy within 0.5 point of scikit-learn's");
        tight.Converged.Should().BeTrue(tight.SolverMessage);

        var skTight = Matrix(sk.GetProperty("coef_tight"));
        var skDefault = Matrix(sk.GetProperty("coef"));
        var scale = skTight.Cast<double>().Max(Math.Abs);
        MaxDifference(tight.Coefficients, skTight).Should().BeLessThan(1e-3 * scale, "the same optimum when both converge tightly");
        MaxDifference(model.Coefficients, skDefault).Should().BeLessThan(0.05 * scale, "default fits stop near the same optimum");
        var skIntercept = sk.GetProperty("intercept_tight").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var c = 0; c < skIntercept.Length; c++)
        {
            tight.Intercept[c].Should().BeApproximately(skIntercept[c], 1e-3 * Math.Max(1, scale));
        }

        var probabilities = model.PredictProba(test);
        probabilities.GetLength(1).Should().Be(model.Classes.Count);
        Enumerable.Range(0, probabilities.GetLength(0)).Select(i => Enumerable.Range(0, probabilities.GetLength(1)).Sum(c => probabilities[i, c]))
            .Should().OnlyContain(s => Math.Abs(s - 1) < 1e-12);
    }

    [Fact]
    public void Integer_labels_keep_numeric_class_order_and_round_trip()
    {
        var (x, y) = SampleData.Load("digits.csv", "label");
        var labels = y.Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) * 10 % 7 == 0 ? 10 : 2).ToArray();
        var model = new LogisticRegression().Fit(SampleData.Standardize(x, x).Train, labels);
        model.Classes.Should().Equal("2", "10");
        model.PredictIntegers(SampleData.Standardize(x, x).Train).Distinct().Should().BeSubsetOf([2, 10]);
        var strings = new LogisticRegression().Fit(x, y.Select(v => "d" + v).ToArray());
        var act = () => strings.PredictIntegers(x);
        act.Should().Throw<InvalidOperationException>().WithMessage("*string labels*");
    }

    [Fact]
    public void Fits_are_bit_identical_for_any_thread_count()
    {
        var random = new Workbench.Learning.DeterministicRandom(21);
        const int rows = 5000, columns = 40;
        var values = new float[rows * columns];
        random.FillNormal(values, 0f, 1f);
        var labels = Enumerable.Range(0, rows).Select(i => (values[i * columns] + values[(i * columns) + 1] > 0 ? 1 : 0) + (values[(i * columns) + 2] > 0.5f ? 2 : 0)).ToArray();
        var x = new Workbench.Data.DenseMatrix(values, rows, columns);
        var backend = (Workbench.Learning.Devices.CpuBackend)Workbench.Learning.Devices.Device.Cpu.Backend;
        var original = backend.Threads;
        try
        {
            backend.Threads = 1;
            var single = new LogisticRegression().Fit(x, labels);
            backend.Threads = 2;
            var dual = new LogisticRegression().Fit(x, labels);
            backend.Threads = 5;
            var many = new LogisticRegression().Fit(x, labels);
            dual.Coefficients.Should().BeEquivalentTo(single.Coefficients, o => o.WithStrictOrdering());
            many.Coefficients.Should().BeEquivalentTo(single.Coefficients, o => o.WithStrictOrdering());
            many.Intercept.Should().Equal(single.Intercept);
        }
        finally
        {
            backend.Threads = original;
        }
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(7, 30)]
    [InlineData(100, 30)]
    [InlineData(1001, 30)]
    [InlineData(13, 3000)]
    [InlineData(9, 3)]
    public void Scores_widened_block_by_block_equal_the_whole_matrix_copy_bit_for_bit(int rows, int columns)
    {
        var random = new Workbench.Learning.DeterministicRandom((ulong)(rows * 31 + columns));
        var values = new float[rows * columns];
        random.FillNormal(values, 0f, 3f);
        var x = new Workbench.Data.DenseMatrix(values, rows, columns);
        const int k = 3;
        var weights = new double[k * columns];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Math.Sin(i) * 0.7;
        }

        var copied = new double[rows * k];
        LinearDesign.From(x, threads: 1).Scores(weights, k, copied, 0, rows);
        var streamed = new double[rows * k];
        LinearDesign.Scores(x, weights, k, streamed);

        streamed.Select(BitConverter.DoubleToInt64Bits).Should().Equal(copied.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Predicting_on_a_non_finite_value_names_its_row_and_column_in_any_block()
    {
        var (x, y) = SampleData.Load("breast_cancer.csv", "diagnosis");
        var model = new LogisticRegression().Fit(x, y);
        var values = (float[])x.Values.Clone();
        values[(500 * x.Columns) + 4] = float.PositiveInfinity;
        var act = () => model.PredictProba(new Workbench.Data.DenseMatrix(values, x.Rows, x.Columns, x.ColumnNames));
        act.Should().Throw<ArgumentException>().WithMessage("*holds Infinity at row 500, column 'mean_smoothness'*");
    }

    [Fact]
    public void Bad_inputs_fail_with_named_rows_and_columns()
    {
        var (x, y) = SampleData.Load("breast_cancer.csv", "diagnosis");
        var single = () => new LogisticRegression().Fit(x, y.Select(_ => "benign").ToArray());
        single.Should().Throw<ArgumentException>().WithMessage("*at least two classes*");
        var rows = () => new LogisticRegression().Fit(x, y[..10]);
        rows.Should().Throw<ArgumentException>().WithMessage("*569 rows but there are 10 labels*");
        var values = (float[])x.Values.Clone();
        values[(3 * x.Columns) + 2] = float.NaN;
        var nan = () => new LogisticRegression().Fit(new Workbench.Data.DenseMatrix(values, x.Rows, x.Columns, x.ColumnNames), y);
        nan.Should().Throw<ArgumentException>().WithMessage("*NaN at row 3, column 'mean_perimeter'*");
        var model = new LogisticRegression().Fit(x, y);
        var reordered = new Workbench.Data.DenseMatrix(x.Values, x.Rows, x.Columns, x.ColumnNames.Reverse().ToArray());
        var names = () => model.Predict(reordered);
        names.Should().Throw<ArgumentException>().WithMessage("*feature 0 is 'worst_fractal_dimension'*");
    }

    private static double MaxDifference(double[,] a, double[,] b)
    {
        a.GetLength(0).Should().Be(b.GetLength(0));
        a.GetLength(1).Should().Be(b.GetLength(1));
        var worst = 0.0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                worst = Math.Max(worst, Math.Abs(a[i, j] - b[i, j]));
            }
        }

        return worst;
    }

    private static double[,] Matrix(JsonElement rows)
    {
        var values = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var result = new double[values.Length, values[0].Length];
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = 0; j < values[0].Length; j++)
            {
                result[i, j] = values[i][j];
            }
        }

        return result;
    }

    private static JsonElement Sklearn(string file, string label, int[] train, int[] test)
    {
        const string script = """
            import json, sys
            import numpy as np, pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.preprocessing import StandardScaler
            d = pd.read_csv(sys.argv[1]); y = d.pop(sys.argv[2]).astype(str).values
            X = d.values.astype(np.float32).astype(np.float64)
            tr, te = json.loads(sys.argv[3]), json.loads(sys.argv[4])
            s = StandardScaler().fit(X[tr]); Xtr, Xte = s.transform(X[tr]), s.transform(X[te])
            Xtr, Xte = Xtr.astype(np.float32).astype(np.float64), Xte.astype(np.float32).astype(np.float64)
            m = LogisticRegression(C=1.0).fit(Xtr, y[tr])
            t = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(Xtr, y[tr])
            print(json.dumps({"accuracy": m.score(Xte, y[te]), "classes": [str(c) for c in m.classes_],
                "coef": m.coef_.tolist(), "coef_tight": t.coef_.tolist(), "intercept_tight": t.intercept_.tolist(), "n_iter": int(m.n_iter_[0])}))
            """;
        var output = PythonPeer.Run(script, [Path.Combine(RepoPaths.DataSamples, file), label, JsonSerializer.Serialize(train), JsonSerializer.Serialize(test)]);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
