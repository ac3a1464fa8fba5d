namespace Workbench.Features;

/// <summary>What <see cref="SimpleImputer"/> fills missing values with (scikit-learn's <c>strategy</c>).</summary>
public enum ImputeStrategy
{
    /// <summary>The column's mean (numeric columns).</summary>
    Mean,

    /// <summary>The column's median (numeric columns).</summary>
    Median,

    /// <summary>The most frequent value; ties go to the smallest value (numbers) or the first in ordinal order (text).</summary>
    MostFrequent,

    /// <summary>A fixed value: <see cref="SimpleImputer.FillValue"/> for numbers, <see cref="SimpleImputer.FillText"/> for text.</summary>
    Constant,
}
