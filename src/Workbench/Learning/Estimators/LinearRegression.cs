using Workbench.Data;
using Workbench.Learning.Persistence;
using Workbench.Learning.Solvers;

namespace Workbench.Learning.Estimators;

/// <summary>
/// Ordinary least squares (scikit-learn's <c>LinearRegression</c>), solved in double: the intercept by centring,
/// the coefficients by Householder QR — or, when columns are collinear (for example a full one-hot block), the
/// minimum-norm solution through the SVD, as scikit-learn's <c>lstsq</c> gives.
/// </summary>
public sealed class LinearRegression : IRegressor
{
    private LinearModelState? _state;

    public bool FitIntercept { get; set; } = true;

    public IReadOnlyList<string> FeatureNames => FeatureCheck.Fitted(_state, nameof(LinearRegression)).Features;

    /// <summary><c>coef_</c>: one weight per feature.</summary>
    public double[] Coefficients => FeatureCheck.Fitted(_state, nameof(LinearRegression)).Coefficients;

    public double Intercept => FeatureCheck.Fitted(_state, nameof(LinearRegression)).Intercept;

    /// <summary>Whether the design was rank deficient and the minimum-norm solution was used.</summary>
    public bool RankDeficient { get; private set; }

    /// <summary>Writes the fitted model to <paramref name="path"/> atomically (docs/model-format.md).</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    public static LinearRegression Load(string path) => ModelFile.Load<LinearRegression>(path);

    public LinearRegression Fit(DenseMatrix x, IReadOnlyList<double> y)
    {
        var (design, target, means, targetMean) = LinearModelState.Centered(x, y, FitIntercept);
        var solution = DenseSolvers.QrLeastSquares(design, target);
        RankDeficient = solution is null;
        solution ??= DenseSolvers.MinimumNormLeastSquares(design, target);
        _state = LinearModelState.From(x.ColumnNames, solution, means, targetMean, FitIntercept);
        return this;
    }

    public LinearRegression Fit(DenseMatrix x, IReadOnlyList<float> y) => Fit(x, y?.Select(v => (double)v).ToArray()!);

    public double[] Predict(DenseMatrix x) => FeatureCheck.Fitted(_state, nameof(LinearRegression)).Predict(x, nameof(LinearRegression));

    /// <summary>R² on (<paramref name="x"/>, <paramref name="y"/>), as scikit-learn's <c>score</c>.</summary>
    public double Score(DenseMatrix x, IReadOnlyList<double> y) => Metrics.Metrics.R2(y, Predict(x));

    internal void Restore(IReadOnlyList<string> features, double[] coefficients, double intercept) => _state = new LinearModelState(features, coefficients, intercept);
}

/// <summary>
/// Ridge regression (scikit-learn's <c>Ridge</c>, Cholesky solver): minimises <c>‖y − Xw − b‖² + α‖w‖²</c>
/// with the intercept unpenalised (fitted by centring); <c>(XcᵀXc + αI) w = Xcᵀyc</c> solved by Cholesky in double.
/// </summary>
public sealed class Ridge : IRegressor
{
    private LinearModelState? _state;

    /// <summary>Regularisation strength α (scikit-learn's <c>alpha</c>).</summary>
    public double Alpha { get; set; } = 1.0;

    public bool FitIntercept { get; set; } = true;

    public IReadOnlyList<string> FeatureNames => FeatureCheck.Fitted(_state, nameof(Ridge)).Features;

    public double[] Coefficients => FeatureCheck.Fitted(_state, nameof(Ridge)).Coefficients;

    public double Intercept => FeatureCheck.Fitted(_state, nameof(Ridge)).Intercept;

    /// <summary>Writes the fitted model to <paramref name="path"/> atomically (docs/model-format.md).</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    public static Ridge Load(string path) => ModelFile.Load<Ridge>(path);

    public Ridge Fit(DenseMatrix x, IReadOnlyList<double> y)
    {
        if (Alpha < 0 || !double.IsFinite(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be a non-negative number.");
        }

        var (design, target, means, targetMean) = LinearModelState.Centered(x, y, FitIntercept);
        int n = design.GetLength(0), p = design.GetLength(1);
        var gram = new double[p, p];
        var rhs = new double[p, 1];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < p; a++)
            {
                var xa = design[i, a];
                rhs[a, 0] += xa * target[i, 0];
                for (var b = 0; b <= a; b++)
                {
                    gram[a, b] += xa * design[i, b];
                }
            }
        }

        for (var a = 0; a < p; a++)
        {
            gram[a, a] += Alpha;
            for (var b = 0; b < a; b++)
            {
                gram[b, a] = gram[a, b];
            }
        }

        _state = LinearModelState.From(x.ColumnNames, DenseSolvers.CholeskySolve(gram, rhs), means, targetMean, FitIntercept);
        return this;
    }

    public Ridge Fit(DenseMatrix x, IReadOnlyList<float> y) => Fit(x, y?.Select(v => (double)v).ToArray()!);

    public double[] Predict(DenseMatrix x) => FeatureCheck.Fitted(_state, nameof(Ridge)).Predict(x, nameof(Ridge));

    /// <summary>R² on (<paramref name="x"/>, <paramref name="y"/>), as scikit-learn's <c>score</c>.</summary>
    public double Score(DenseMatrix x, IReadOnlyList<double> y) => Metrics.Metrics.R2(y, Predict(x));

    internal void Restore(IReadOnlyList<string> features, double[] coefficients, double intercept) => _state = new LinearModelState(features, coefficients, intercept);
}

/// <summary>The fitted state shared by the linear regressors: names, weights, intercept.</summary>
internal sealed record LinearModelState(IReadOnlyList<string> Features, double[] Coefficients, double Intercept)
{
    public static (double[,] Design, double[,] Target, double[] Means, double TargetMean) Centered(DenseMatrix x, IReadOnlyList<double> y, bool fitIntercept)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        FeatureCheck.Rows(x.Rows, y.Count);
        int n = x.Rows, p = x.Columns;
        var means = new double[p];
        var targetMean = 0.0;
        if (fitIntercept)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < p; j++)
                {
                    means[j] += x[i, j];
                }

                targetMean += y[i];
            }

            for (var j = 0; j < p; j++)
            {
                means[j] /= n;
            }

            targetMean /= n;
        }

        var design = new double[n, p];
        var target = new double[n, 1];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(y[i]))
            {
                throw new ArgumentException($"The target is {y[i]} at row {i}; drop or impute it before fitting.");
            }

            target[i, 0] = y[i] - targetMean;
            for (var j = 0; j < p; j++)
            {
                var value = x[i, j];
                if (!float.IsFinite(value))
                {
                    throw new ArgumentException($"The feature matrix holds {value} at row {i}, column '{x.ColumnNames[j]}'; impute or drop missing values before fitting.");
                }

                design[i, j] = value - means[j];
            }
        }

        return (design, target, means, targetMean);
    }

    public static LinearModelState From(IReadOnlyList<string> names, double[,] solution, double[] means, double targetMean, bool fitIntercept)
    {
        var coefficients = Enumerable.Range(0, solution.GetLength(0)).Select(j => solution[j, 0]).ToArray();
        var intercept = fitIntercept ? targetMean - coefficients.Select((w, j) => w * means[j]).Sum() : 0.0;
        return new LinearModelState(names.ToArray(), coefficients, intercept);
    }

    public double[] Predict(DenseMatrix x, string estimator)
    {
        ArgumentNullException.ThrowIfNull(x);
        FeatureCheck.Columns(x, Features, estimator);
        var result = new double[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            var sum = Intercept;
            var row = x.Row(i);
            for (var j = 0; j < row.Length; j++)
            {
                sum += Coefficients[j] * row[j];
            }

            result[i] = sum;
        }

        return result;
    }
}
