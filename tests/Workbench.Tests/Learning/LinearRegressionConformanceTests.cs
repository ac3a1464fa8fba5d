using System.Globalization;
using System.Text.Json;
using Workbench.Data;
using Workbench.Learning.Estimators;
using Workbench.Learning.Metrics;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

/// <summary>LinearRegression and Ridge equal scikit-learn's closed-form fits on the diabetes sample (raw, unscaled features).</summary>
public sealed class LinearRegressionConformanceTests
{
    [Fact]
    public void Ordinary_least_squares_and_ridge_match_sklearn()
    {
        var (x, labels) = SampleData.Load("diabetes.csv", "progression");
        var y = labels.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var duplicated = WithDuplicateColumn(x);
        var sk = Sklearn();

        var ols = new LinearRegression().Fit(x, y);
        ols.RankDeficient.Should().BeFalse();
        Close(ols.Coefficients, sk.GetProperty("ols_coef"), 1e-7);
        ols.Intercept.Should().BeApproximately(sk.GetProperty("ols_intercept").GetDouble(), 1e-6);

        foreach (var alpha in new[] { 0.1, 10.0 })
        {
            var ridge = new Ridge { Alpha = alpha }.Fit(x, y);
            var key = alpha.ToString("0.0##", CultureInfo.InvariantCulture);
            Close(ridge.Coefficients, sk.GetProperty($"ridge_coef_{key}"), 1e-7);
            ridge.Intercept.Should().BeApproximately(sk.GetProperty($"ridge_intercept_{key}").GetDouble(), 1e-6);
            ridge.Score(x, y).Should().BeApproximately(sk.GetProperty($"ridge_r2_{key}").GetDouble(), 1e-9);
        }

        var collinear = new LinearRegression().Fit(duplicated, y);
        collinear.RankDeficient.Should().BeTrue("column 10 repeats column 2");
        Close(collinear.Coefficients, sk.GetProperty("ols_dup_coef"), 1e-6);
    }

    [Fact]
    public void Ridge_on_collinear_data_needs_alpha_and_says_so()
    {
        var x = new DenseMatrix([1, 2, 2, 4, 3, 6], 3, 2, ["a", "b"]);
        var act = () => new Ridge { Alpha = 0 }.Fit(x, [1.0, 2.0, 3.0]);
        act.Should().Throw<ArithmeticException>().WithMessage("*not positive definite*increase the regularisation*");
        new Ridge { Alpha = 0.5 }.Fit(x, [1.0, 2.0, 3.0]).Coefficients.Should().HaveCount(2);
    }

    private static DenseMatrix WithDuplicateColumn(DenseMatrix x)
    {
        var values = new float[x.Rows * (x.Columns + 1)];
        for (var i = 0; i < x.Rows; i++)
        {
            x.Row(i).CopyTo(values.AsSpan(i * (x.Columns + 1), x.Columns));
            values[(i * (x.Columns + 1)) + x.Columns] = x[i, 2];
        }

        return new DenseMatrix(values, x.Rows, x.Columns + 1, [.. x.ColumnNames, "bmi_copy"]);
    }

    private static void Close(double[] actual, JsonElement expected, double relative)
    {
        var values = expected.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        actual.Should().HaveCount(values.Length);
        var scale = values.Max(Math.Abs);
        for (var i = 0; i < values.Length; i++)
        {
            actual[i].Should().BeApproximately(values[i], relative * scale, $"coefficient {i}");
        }
    }

    private static JsonElement Sklearn()
    {
        const string script = """
            import json, sys
            import numpy as np, pandas as pd
            from sklearn.linear_model import LinearRegression, Ridge
            d = pd.read_csv(sys.argv[1]); y = d.pop("progression").values.astype(float)
            X = d.values.astype(np.float32).astype(np.float64)
            r = {}
            m = LinearRegression().fit(X, y); r["ols_coef"] = m.coef_.tolist(); r["ols_intercept"] = m.intercept_
            for a in [0.1, 10.0]:
                m = Ridge(alpha=a, solver="cholesky").fit(X, y)
                r[f"ridge_coef_{a}"] = m.coef_.tolist(); r[f"ridge_intercept_{a}"] = m.intercept_; r[f"ridge_r2_{a}"] = m.score(X, y)
            Xd = np.hstack([X, X[:, 2:3]])
            r["ols_dup_coef"] = LinearRegression().fit(Xd, y).coef_.tolist()
            print(json.dumps(r))
            """;
        return JsonDocument.Parse(PythonPeer.Run(script, [Path.Combine(RepoPaths.DataSamples, "diabetes.csv")])).RootElement.Clone();
    }
}
