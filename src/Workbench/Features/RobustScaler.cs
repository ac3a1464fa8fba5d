using System.Numerics.Tensors;
using MathNet.Numerics.Distributions;
using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// Centres on the median and divides by the interquartile range (or another <see cref="QuantileRange"/>), as
/// scikit-learn's <c>RobustScaler</c>: outliers barely move the statistics. Quantiles use numpy's linear
/// interpolation; a zero range gets scale 1; <see cref="UnitVariance"/> rescales so a normal column ends with variance 1.
/// </summary>
public sealed class RobustScaler : NumericTransform<RobustScaler>
{
    private double[] _center = [];
    private double[] _scale = [];

    public override string Kind => "robust_scaler";

    /// <summary>Subtract the median (<c>with_centering</c>).</summary>
    public bool WithCentering { get; init; } = true;

    /// <summary>Divide by the quantile range (<c>with_scaling</c>).</summary>
    public bool WithScaling { get; init; } = true;

    /// <summary>The percentiles whose distance is the scale (<c>quantile_range</c>), 0 &lt; low &lt; high &lt; 100.</summary>
    public (double Low, double High) QuantileRange { get; init; } = (25, 75);

    /// <summary>Divide the scale by the normal distribution's range between the same percentiles (<c>unit_variance</c>).</summary>
    public bool UnitVariance { get; init; }

    public IReadOnlyList<double> Center => IsFitted ? _center : throw NotFitted(nameof(Center));

    public IReadOnlyList<double> Scale => IsFitted ? _scale : throw NotFitted(nameof(Scale));

    public override string Describe() => $"RobustScaler(q={FeatureColumns.Text(QuantileRange.Low)}..{FeatureColumns.Text(QuantileRange.High)}{(UnitVariance ? ", unit variance" : string.Empty)})";

    private protected override void BeginFitColumns(int columns)
    {
        var (low, high) = QuantileRange;
        if (!(low >= 0 && low < high && high <= 100))
        {
            throw new ArgumentException($"{Name}: QuantileRange ({low}, {high}) must satisfy 0 <= low < high <= 100.");
        }

        _center = new double[columns];
        _scale = new double[columns];
    }

    private protected override void FitColumn(int index, string name, double[] values)
    {
        var present = FeatureColumns.Present(values);
        if (present.Length == 0)
        {
            throw new ArgumentException($"{Name}: column '{name}' has no values at all; impute or drop it before scaling.");
        }

        _center[index] = WithCentering ? Quantiles.Median(present) : 0;
        if (!WithScaling)
        {
            _scale[index] = 1;
            return;
        }

        var (low, high) = QuantileRange;
        var q1 = Quantiles.Of(present, low / 100);
        var q3 = Quantiles.Of(present, high / 100);
        var scale = ScaleMath.HandleZero(q3 - q1);
        if (UnitVariance)
        {
            scale /= Normal.InvCDF(0, 1, high / 100) - Normal.InvCDF(0, 1, low / 100);
        }

        _scale[index] = scale;
    }

    private protected override bool TryCenterScale(int index, out double center, out double scale)
    {
        center = _center[index];
        scale = _scale[index];
        return true;
    }

    private protected override void ApplyColumn(int index, string name, Span<double> values)
    {
        var center = _center[index];
        var scale = _scale[index];
        // Two vectorised passes, the same IEEE operations as (v - center) / scale per value.
        TensorPrimitives.Subtract(values, center, values);
        TensorPrimitives.Divide(values, scale, values);
    }

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("with_centering", WithCentering).Set("with_scaling", WithScaling)
            .Set("quantile_range", [QuantileRange.Low, QuantileRange.High]).Set("unit_variance", UnitVariance);
        state.Set("center", _center).Set("scale", _scale);
    }

    internal static RobustScaler Create(StateReader parameters)
    {
        var range = parameters.Doubles("quantile_range", 2);
        return new RobustScaler
        {
            WithCentering = parameters.Bool("with_centering"),
            WithScaling = parameters.Bool("with_scaling"),
            QuantileRange = (range[0], range[1]),
            UnitVariance = parameters.Bool("unit_variance"),
        };
    }

    internal override void ReadState(StateReader state)
    {
        var count = FeatureNamesIn.Count;
        _center = ScaleChecks.Finite(state, "center", state.Doubles("center", count));
        _scale = ScaleChecks.Positive(state, "scale", state.Doubles("scale", count));
    }
}
