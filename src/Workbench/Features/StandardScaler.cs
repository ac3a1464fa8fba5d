using System.Numerics.Tensors;
using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// Standardizes each column to zero mean and unit variance, <c>z = (x - mean) / std</c>, as scikit-learn's
/// <c>StandardScaler</c>: population standard deviation (ddof = 0), missing values ignored when fitting and kept
/// missing when transforming. A constant column gets scale 1 (scikit-learn's policy), so it becomes all zeros.
/// </summary>
public sealed class StandardScaler : NumericTransform<StandardScaler>
{
    private double[] _mean = [];
    private double[] _variance = [];
    private double[] _scale = [];
    private long[] _samples = [];

    public override string Kind => "standard_scaler";

    /// <summary>Subtract the mean (scikit-learn's <c>with_mean</c>).</summary>
    public bool WithMean { get; init; } = true;

    /// <summary>Divide by the standard deviation (<c>with_std</c>).</summary>
    public bool WithStd { get; init; } = true;

    public IReadOnlyList<double> Mean => IsFitted ? _mean : throw NotFitted(nameof(Mean));

    /// <summary>Population variance per column.</summary>
    public IReadOnlyList<double> Variance => IsFitted ? _variance : throw NotFitted(nameof(Variance));

    /// <summary>What each column is divided by (1 for constant columns or without <see cref="WithStd"/>).</summary>
    public IReadOnlyList<double> Scale => IsFitted ? _scale : throw NotFitted(nameof(Scale));

    /// <summary>Values seen per column (missing ones excluded).</summary>
    public IReadOnlyList<long> SamplesSeen => IsFitted ? _samples : throw NotFitted(nameof(SamplesSeen));

    public override string Describe() => WithMean && WithStd ? "StandardScaler" : $"StandardScaler(with_mean={WithMean}, with_std={WithStd})";

    private protected override void BeginFitColumns(int columns)
    {
        _mean = new double[columns];
        _variance = new double[columns];
        _scale = new double[columns];
        _samples = new long[columns];
    }

    private protected override void FitColumn(int index, string name, double[] values)
    {
        var present = FeatureColumns.Present(values);
        if (present.Length == 0)
        {
            throw new ArgumentException($"{Name}: column '{name}' has no values at all; impute or drop it before scaling.");
        }

        var mean = Data.Stats.Mean(present);
        var variance = ScaleMath.PopulationVariance(present, mean);
        _mean[index] = mean;
        _variance[index] = variance;
        _samples[index] = present.Length;
        _scale[index] = WithStd && !ScaleMath.IsConstant(variance, mean, present.Length) ? Math.Sqrt(variance) : 1.0;
    }

    private protected override bool TryCenterScale(int index, out double center, out double scale)
    {
        center = WithMean ? _mean[index] : 0;
        scale = _scale[index];
        return true;
    }

    private protected override void ApplyColumn(int index, string name, Span<double> values)
    {
        var mean = WithMean ? _mean[index] : 0;
        var scale = _scale[index];
        // Two vectorised passes, the same IEEE operations as (v - mean) / scale per value.
        TensorPrimitives.Subtract(values, mean, values);
        TensorPrimitives.Divide(values, scale, values);
    }

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("with_mean", WithMean).Set("with_std", WithStd);
        state.Set("mean", _mean).Set("variance", _variance).Set("scale", _scale).Set("samples", _samples);
    }

    internal static StandardScaler Create(StateReader parameters) => new()
    {
        WithMean = parameters.Bool("with_mean"),
        WithStd = parameters.Bool("with_std"),
    };

    internal override void ReadState(StateReader state)
    {
        var count = FeatureNamesIn.Count;
        _mean = state.Doubles("mean", count);
        _variance = state.Doubles("variance", count);
        _scale = ScaleChecks.Positive(state, "scale", state.Doubles("scale", count));
        _samples = state.Int64s("samples", count);
    }
}
