using Workbench.Data;

namespace Workbench.Features;

/// <summary>
/// A transform of numeric columns, one output column per input column with the same name (scalers, power
/// transforms): the shared column checks, and per-column fit / apply over doubles with NaN for missing cells.
/// </summary>
/// <typeparam name="TSelf">The concrete transform.</typeparam>
public abstract class NumericTransform<TSelf> : FrameTransform<TSelf>, IColumnwiseTransform
    where TSelf : NumericTransform<TSelf>
{
    private protected NumericTransform()
    {
    }

    private protected override void CheckInputTypes(Frame frame) => FeatureColumns.RequireNumeric(frame, Name);

    private protected override void FitCore(Frame frame, Column? target)
    {
        var count = frame.ColumnCount;
        BeginFitColumns(count);
        for (var c = 0; c < count; c++)
        {
            var column = frame[c];
            var values = FeatureColumns.Numbers(column, Name);
            FitColumn(c, column.Name, values);
        }
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var outputs = new double[frame.ColumnCount][];
        for (var c = 0; c < outputs.Length; c++)
        {
            var values = FeatureColumns.Numbers(frame[c], Name);
            ApplyColumn(c, frame[c].Name, values);
            outputs[c] = values;
        }

        return FeatureOutput.Dense(FeatureColumns.Output(frame.ColumnNames, outputs));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => FeatureNamesIn;

    void IColumnwiseTransform.ApplyInPlace(int index, string name, Span<double> values) => ApplyColumn(index, name, values);

    bool IColumnwiseTransform.TryCenterScale(int index, out double center, out double scale) => TryCenterScale(index, out center, out scale);

    /// <summary>Allocates the per-column state for <paramref name="columns"/> columns.</summary>
    private protected abstract void BeginFitColumns(int columns);

    /// <summary>Learns column <paramref name="index"/>'s state from its values (NaN: missing); may reorder nothing it does not own.</summary>
    private protected abstract void FitColumn(int index, string name, double[] values);

    /// <summary>Transforms the values in place; NaN (missing) stays NaN and becomes a missing cell.</summary>
    private protected abstract void ApplyColumn(int index, string name, Span<double> values);

    /// <summary>For a transform that is <c>(v - center) / scale</c> per column, column <paramref name="index"/>'s constants.</summary>
    private protected virtual bool TryCenterScale(int index, out double center, out double scale)
    {
        center = 0;
        scale = 1;
        return false;
    }
}
