using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Workbench.Features;
using Workbench.Features.Validation;

namespace Workbench.Serving.Protocol;

/// <summary>
/// What the short way does to each request column of a model whose request is laid out as its matrix
/// (<see cref="NumericInputPlan.TakesRows"/>): the schema's check (finite, within the column's allowed range), then
/// <c>(v - center) / scale</c> in double, which must be finite, narrowed to float32. Those are the general way's checks
/// and arithmetic, so a value gets the same float or the same refusal either way.
/// </summary>
/// <remarks>
/// Each constant is stored for columns 0 to width - 1 and then again from column 0 for eight more entries, so the eight
/// fields that start at column c of a row-major body (running on into the next rows when the row is shorter than eight
/// from c) find theirs with one unaligned load at c. The constants are read once, when the bundle loads: a loaded
/// pipeline is fitted and cannot be fitted again, and the request checks are fixed then too.
/// </remarks>
internal sealed class RowScaling
{
    private const int Lanes = 8;
    private readonly double[] _low;
    private readonly double[] _high;
    private readonly double[] _center;
    private readonly double[] _scale;

    private RowScaling(double[] low, double[] high, double[] center, double[] scale, int width)
    {
        _low = low;
        _high = high;
        _center = center;
        _scale = scale;
        Width = width;
    }

    /// <summary>How many columns a row has.</summary>
    public int Width { get; }

    /// <summary>The scaling for request columns checked by <paramref name="checks"/> (null: unchecked) and transformed by <paramref name="plan"/>, or null when a stage does not centre and scale.</summary>
    public static RowScaling? TryCreate(IReadOnlyList<ColumnSchema?> checks, NumericInputPlan plan)
    {
        var width = checks.Count;
        double[] low = new double[width], high = new double[width], center = new double[width], scale = new double[width];
        if (width == 0 || !plan.TakesRows || !plan.TryRowScaling(center, scale))
        {
            return null;
        }

        for (var c = 0; c < width; c++)
        {
            (low[c], high[c]) = checks[c] is { } check ? check.AllowedRange : (double.NegativeInfinity, double.PositiveInfinity);
        }

        return Of(low, high, center, scale);
    }

    /// <summary>Column c of a row is refused outside [low[c], high[c]] and written as <c>(float)((v - center[c]) / scale[c])</c>.</summary>
    public static RowScaling Of(ReadOnlySpan<double> low, ReadOnlySpan<double> high, ReadOnlySpan<double> center, ReadOnlySpan<double> scale)
    {
        var width = low.Length;
        if (width == 0 || high.Length != width || center.Length != width || scale.Length != width)
        {
            throw new ArgumentException($"a row scaling needs the same number (at least one) of lows, highs, centres and scales; got {low.Length}, {high.Length}, {center.Length} and {scale.Length}.");
        }

        return new RowScaling(Wrapped(low), Wrapped(high), Wrapped(center), Wrapped(scale), width);
    }

    private static double[] Wrapped(ReadOnlySpan<double> values)
    {
        var wrapped = new double[values.Length + Lanes];
        for (var c = 0; c < wrapped.Length; c++)
        {
            wrapped[c] = values[c % values.Length];
        }

        return wrapped;
    }

    /// <summary>The column eight fields after one in <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EightOn(int column)
    {
        column += Lanes;
        if (column >= Width)
        {
            column -= Width;
            if (column >= Width)
            {
                // A row shorter than eight fields.
                column %= Width;
            }
        }

        return column;
    }

    /// <summary>
    /// Eight consecutive values of a row-major body, the first in <paramref name="column"/>, checked and scaled into
    /// <paramref name="output"/>; false when any is refused (the output then holds garbage). The values are finite, as
    /// the readers parse no other numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryScaleEight(Vector512<double> values, int column, ref float output)
    {
        var at = (nuint)column;
        var scaled = (values - Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_center), at))
            / Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_scale), at);
        Avx512F.ConvertToVector256Single(scaled).StoreUnsafe(ref output);
        return Vector512.GreaterThanOrEqualAll(values, Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_low), at))
            && Vector512.LessThanOrEqualAll(values, Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_high), at))
            && Vector512.LessThanAll(Vector512.Abs(scaled), Vector512.Create(double.PositiveInfinity));
    }

    /// <summary>One finite value of <paramref name="column"/>, checked and scaled as <see cref="TryScaleEight"/> does it.</summary>
    public bool TryScale(double value, int column, out float scaled)
    {
        var result = (value - _center[column]) / _scale[column];
        scaled = (float)result;
        return value >= _low[column] && value <= _high[column] && double.IsFinite(result);
    }
}
