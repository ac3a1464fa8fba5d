using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// Maps each column's observed [min, max] onto <see cref="FeatureRange"/> (default [0, 1]) as scikit-learn's
/// <c>MinMaxScaler</c>: <c>x * scale + offset</c> with <c>scale = (high - low) / (max - min)</c>. A constant column
/// gets scale 1 (it maps to <c>low</c>); values beyond the fitted range map beyond the feature range unless <see cref="Clip"/>.
/// </summary>
public sealed class MinMaxScaler : NumericTransform<MinMaxScaler>
{
    private double[] _dataMin = [];
    private double[] _dataMax = [];
    private double[] _scale = [];
    private double[] _offset = [];

    public override string Kind => "min_max_scaler";

    /// <summary>The output range (scikit-learn's <c>feature_range</c>); low must be below high.</summary>
    public (double Low, double High) FeatureRange { get; init; } = (0, 1);

    /// <summary>Clip transformed values to <see cref="FeatureRange"/> (for values outside the fitted range).</summary>
    public bool Clip { get; init; }

    public IReadOnlyList<double> DataMin => IsFitted ? _dataMin : throw NotFitted(nameof(DataMin));

    public IReadOnlyList<double> DataMax => IsFitted ? _dataMax : throw NotFitted(nameof(DataMax));

    public IReadOnlyList<double> Scale => IsFitted ? _scale : throw NotFitted(nameof(Scale));

    /// <summary>What is added after scaling (scikit-learn's <c>min_</c>).</summary>
    public IReadOnlyList<double> Offset => IsFitted ? _offset : throw NotFitted(nameof(Offset));

    public override string Describe() => $"MinMaxScaler([{FeatureColumns.Text(FeatureRange.Low)}, {FeatureColumns.Text(FeatureRange.High)}]{(Clip ? ", clip" : string.Empty)})";

    private protected override void BeginFitColumns(int columns)
    {
        if (!(FeatureRange.Low < FeatureRange.High))
        {
            throw new ArgumentException($"{Name}: FeatureRange ({FeatureRange.Low}, {FeatureRange.High}) must have its low end below its high end.");
        }

        _dataMin = new double[columns];
        _dataMax = new double[columns];
        _scale = new double[columns];
        _offset = new double[columns];
    }

    private protected override void FitColumn(int index, string name, double[] values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        if (min > max)
        {
            throw new ArgumentException($"{Name}: column '{name}' has no values at all; impute or drop it before scaling.");
        }

        _dataMin[index] = min;
        _dataMax[index] = max;
        _scale[index] = (FeatureRange.High - FeatureRange.Low) / ScaleMath.HandleZero(max - min);
        _offset[index] = FeatureRange.Low - (min * _scale[index]);
    }

    private protected override void ApplyColumn(int index, string name, Span<double> values)
    {
        var scale = _scale[index];
        var offset = _offset[index];
        var (low, high) = FeatureRange;
        for (var i = 0; i < values.Length; i++)
        {
            var v = (values[i] * scale) + offset;
            values[i] = Clip && !double.IsNaN(v) ? Math.Clamp(v, low, high) : v;
        }
    }

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("feature_range", [FeatureRange.Low, FeatureRange.High]).Set("clip", Clip);
        state.Set("data_min", _dataMin).Set("data_max", _dataMax).Set("scale", _scale).Set("offset", _offset);
    }

    internal static MinMaxScaler Create(StateReader parameters)
    {
        var range = parameters.Doubles("feature_range", 2);
        if (!(range[0] < range[1]))
        {
            throw parameters.Fail("feature_range", "the low end must be below the high end");
        }

        return new MinMaxScaler { FeatureRange = (range[0], range[1]), Clip = parameters.Bool("clip") };
    }

    internal override void ReadState(StateReader state)
    {
        var count = FeatureNamesIn.Count;
        _dataMin = ScaleChecks.Finite(state, "data_min", state.Doubles("data_min", count));
        _dataMax = ScaleChecks.Finite(state, "data_max", state.Doubles("data_max", count));
        _scale = ScaleChecks.Positive(state, "scale", state.Doubles("scale", count));
        _offset = ScaleChecks.Finite(state, "offset", state.Doubles("offset", count));
    }
}
