namespace Workbench.Data;

/// <summary>What <see cref="Frame.ToMatrix(IReadOnlyList{string}, MissingValuePolicy)"/> does with missing values.</summary>
public enum MissingValuePolicy
{
    /// <summary>Refuse, naming the column, the count and the first row (the default: silent NaNs poison training).</summary>
    Throw,

    /// <summary>Write NaN where a value is missing.</summary>
    NaN,

    /// <summary>Leave out every row with a missing value.</summary>
    DropRows,
}
