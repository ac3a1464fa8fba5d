using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>Which power transform <see cref="PowerTransformer"/> fits (scikit-learn's <c>method</c>).</summary>
public enum PowerMethod
{
    /// <summary>Yeo-Johnson: any real values.</summary>
    YeoJohnson,

    /// <summary>Box-Cox: strictly positive values only.</summary>
    BoxCox,
}

/// <summary>
/// Makes each column more Gaussian with a power transform whose lambda maximizes the normal log-likelihood, as
/// scikit-learn 1.2's <c>PowerTransformer</c>: Yeo-Johnson (default) or Box-Cox, lambda found by SciPy's Brent search
/// from the bracket (-2, 2) on the present values, then (with <see cref="Standardize"/>) zero mean and unit variance.
/// Box-Cox refuses zero or negative values, naming the column and row; missing values stay missing.
/// </summary>
public sealed class PowerTransformer : NumericTransform<PowerTransformer>
{
    internal static readonly IReadOnlyDictionary<string, PowerMethod> Methods = new Dictionary<string, PowerMethod>
    {
        ["yeo-johnson"] = PowerMethod.YeoJohnson,
        ["box-cox"] = PowerMethod.BoxCox,
    };

    private double[] _lambdas = [];
    private double[] _mean = [];
    private double[] _scale = [];

    public PowerTransformer()
    {
    }

    public PowerTransformer(PowerMethod method)
    {
        Method = method;
    }

    public override string Kind => "power_transformer";

    public PowerMethod Method { get; init; } = PowerMethod.YeoJohnson;

    /// <summary>Standardize the transformed values to zero mean and unit variance (scikit-learn's default).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>The fitted lambda per column.</summary>
    public IReadOnlyList<double> Lambdas => IsFitted ? _lambdas : throw NotFitted(nameof(Lambdas));

    public override string Describe() => $"PowerTransformer({Methods.Single(m => m.Value == Method).Key}{(Standardize ? ", standardize" : string.Empty)})";

    private protected override void BeginFitColumns(int columns)
    {
        _lambdas = new double[columns];
        _mean = new double[columns];
        _scale = new double[columns];
    }

    private protected override void FitColumn(int index, string name, double[] values)
    {
        CheckDomain(name, values);
        var present = FeatureColumns.Present(values);
        if (present.Length == 0)
        {
            throw new ArgumentException($"{Name}: column '{name}' has no values at all; impute or drop it first.");
        }

        var lambda = Method == PowerMethod.BoxCox ? BoxCoxLambda(present) : YeoJohnsonLambda(present);
        _lambdas[index] = lambda;
        var transformed = present.Select(v => Apply(v, lambda)).ToArray();
        var mean = Data.Stats.Mean(transformed);
        var variance = ScaleMath.PopulationVariance(transformed, mean);
        _mean[index] = mean;
        _scale[index] = !ScaleMath.IsConstant(variance, mean, transformed.Length) ? Math.Sqrt(variance) : 1.0;
    }

    private protected override void ApplyColumn(int index, string name, Span<double> values)
    {
        CheckDomain(name, values);
        var lambda = _lambdas[index];
        var mean = Standardize ? _mean[index] : 0;
        var scale = Standardize ? _scale[index] : 1;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (Apply(values[i], lambda) - mean) / scale;
        }
    }

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("method", Methods.Single(m => m.Value == Method).Key).Set("standardize", Standardize);
        state.Set("lambdas", _lambdas).Set("mean", _mean).Set("scale", _scale);
    }

    internal static PowerTransformer Create(StateReader parameters) => new()
    {
        Method = parameters.Choice("method", Methods),
        Standardize = parameters.Bool("standardize"),
    };

    internal override void ReadState(StateReader state)
    {
        var count = FeatureNamesIn.Count;
        _lambdas = ScaleChecks.Finite(state, "lambdas", state.Doubles("lambdas", count));
        _mean = ScaleChecks.Finite(state, "mean", state.Doubles("mean", count));
        _scale = ScaleChecks.Positive(state, "scale", state.Doubles("scale", count));
    }

    private double Apply(double x, double lambda) => Method == PowerMethod.BoxCox ? BoxCox(x, lambda) : YeoJohnson(x, lambda);

    private void CheckDomain(string name, ReadOnlySpan<double> values)
    {
        if (Method != PowerMethod.BoxCox)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] <= 0)
            {
                throw new ArgumentException(
                    $"{Name}: column '{name}', row {i}: {FeatureColumns.Text(values[i])} is not strictly positive; Box-Cox needs x > 0 (use Yeo-Johnson, or shift the column).");
            }
        }
    }

    /// <summary>SciPy's <c>special.boxcox</c>.</summary>
    internal static double BoxCox(double x, double lambda) =>
        Math.Abs(lambda) < 1e-19 ? Math.Log(x) : double.ExpM1(lambda * Math.Log(x)) / lambda;

    /// <summary>scikit-learn's <c>_yeo_johnson_transform</c> for one value.</summary>
    internal static double YeoJohnson(double x, double lambda)
    {
        const double spacing = ScaleMath.MachineEpsilon;
        if (x >= 0)
        {
            return Math.Abs(lambda) < spacing ? double.LogP1(x) : (Math.Pow(x + 1, lambda) - 1) / lambda;
        }

        return Math.Abs(lambda - 2) > spacing ? -(Math.Pow(-x + 1, 2 - lambda) - 1) / (2 - lambda) : -double.LogP1(-x);
    }

    private static double YeoJohnsonLambda(double[] x)
    {
        var signedLogs = 0.0;
        foreach (var v in x)
        {
            signedLogs += Math.Sign(v) * double.LogP1(Math.Abs(v));
        }

        var transformed = new double[x.Length];
        return BrentMinimizer.Minimize(
            lambda =>
            {
                for (var i = 0; i < x.Length; i++)
                {
                    transformed[i] = YeoJohnson(x[i], lambda);
                }

                var variance = ScaleMath.PopulationVariance(transformed, Data.Stats.Mean(transformed));
                if (variance < 2.2250738585072014e-308) // numpy's finfo(float64).tiny
                {
                    return double.PositiveInfinity;
                }

                return -((-x.Length / 2.0 * Math.Log(variance)) + ((lambda - 1) * signedLogs));
            },
            -2,
            2);
    }

    /// <summary>SciPy's <c>boxcox_normmax(method="mle")</c>: minimizes <c>-boxcox_llf</c>.</summary>
    private static double BoxCoxLambda(double[] x)
    {
        var logs = x.Select(v => Math.Log(v)).ToArray();
        var sumLogs = Data.Stats.Sum(logs);
        var scratch = new double[x.Length];
        return BrentMinimizer.Minimize(
            lambda =>
            {
                double variance;
                if (lambda == 0)
                {
                    variance = ScaleMath.PopulationVariance(logs, Data.Stats.Mean(logs));
                }
                else
                {
                    for (var i = 0; i < x.Length; i++)
                    {
                        scratch[i] = Math.Pow(x[i], lambda) / lambda;
                    }

                    variance = ScaleMath.PopulationVariance(scratch, Data.Stats.Mean(scratch));
                }

                return -(((lambda - 1) * sumLogs) - (x.Length / 2.0 * Math.Log(variance)));
            },
            -2,
            2);
    }
}
