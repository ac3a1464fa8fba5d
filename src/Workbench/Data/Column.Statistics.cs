namespace Workbench.Data;

public abstract partial class Column
{
    /// <summary>Sum of the present values (0 when none); numeric columns only.</summary>
    public double Sum() => Stats.Sum(Numbers("Sum"));

    /// <summary>Mean of the present values (NaN when none).</summary>
    public double Mean() => Stats.Mean(Numbers("Mean"));

    /// <summary>Sample standard deviation (ddof = 1, as pandas); NaN below two values.</summary>
    public double Std() => Math.Sqrt(Var());

    /// <summary>Sample variance (ddof = 1, as pandas); NaN below two values.</summary>
    public double Var()
    {
        var values = Numbers("Var");
        return Stats.Variance(values, Stats.Mean(values));
    }

    /// <summary>The smallest present value (NaN when none; NaN if a value is NaN).</summary>
    public double Min() => Stats.Extreme(Numbers("Min"), min: true);

    /// <summary>The largest present value (NaN when none; NaN if a value is NaN).</summary>
    public double Max() => Stats.Extreme(Numbers("Max"), min: false);

    public double Median() => Quantile(0.5);

    /// <summary>The <paramref name="q"/> quantile (0..1) by linear interpolation, as pandas' default.</summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"quantile {q} is outside [0, 1].");
        }

        return Stats.Quantile(Numbers("Quantile"), q);
    }

    /// <summary>Bias-corrected skewness (pandas' <c>skew()</c>).</summary>
    public double Skew()
    {
        var values = Numbers("Skew");
        return Stats.Skewness(values, Stats.Mean(values));
    }

    /// <summary>How often each value occurs: a frame of this column's values and a <c>count</c> (or <c>proportion</c>) column, most frequent first.</summary>
    public Frame ValueCounts(bool normalize = false, bool dropMissing = true) =>
        new Frame(this).ValueCounts([Name], normalize, dropMissing);

    private double[] Numbers(string what) => IsNumeric ? Stats.PresentValues(this) : throw NotNumeric(what);
}
