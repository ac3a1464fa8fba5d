using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// <c>log(x + Offset)</c> per column (natural log; <c>Offset = 1</c> is numpy's <c>log1p</c>), for skewed positive
/// values such as lengths of stay or lab counts. Nothing is learnt; a value with <c>x + Offset &lt;= 0</c> fails,
/// naming the column and row, instead of becoming NaN.
/// </summary>
public sealed class LogTransform : NumericTransform<LogTransform>
{
    public override string Kind => "log_transform";

    /// <summary>Added before the log (0: plain log; 1: log1p).</summary>
    public double Offset { get; init; }

    public override string Describe() => Offset == 0 ? "log(x)" : Offset == 1 ? "log1p(x)" : $"log(x + {FeatureColumns.Text(Offset)})";

    private protected override void BeginFitColumns(int columns)
    {
        if (!double.IsFinite(Offset))
        {
            throw new ArgumentException($"{Name}: Offset must be a finite number, got {Offset}.");
        }
    }

    private protected override void FitColumn(int index, string name, double[] values) => Check(name, values);

    private protected override void ApplyColumn(int index, string name, Span<double> values)
    {
        Check(name, values);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Offset == 1 ? double.LogP1(values[i]) : Math.Log(values[i] + Offset);
        }
    }

    internal override void WriteState(JsonState parameters, JsonState state) => parameters.Set("offset", Offset);

    internal static LogTransform Create(StateReader parameters) => new() { Offset = parameters.Double("offset") };

    internal override void ReadState(StateReader state)
    {
    }

    private void Check(string name, ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] + Offset <= 0)
            {
                throw new ArgumentException(
                    $"{Name}: column '{name}', row {i}: log({FeatureColumns.Text(values[i])} + {FeatureColumns.Text(Offset)}) is undefined; raise Offset or use PowerTransformer (Yeo-Johnson).");
            }
        }
    }
}
