namespace Workbench.Features;

/// <summary>What <see cref="OneHotEncoder"/> does with a category it did not see at fit time (scikit-learn's <c>handle_unknown</c>).</summary>
public enum UnknownCategoryPolicy
{
    /// <summary>Fail, naming the column, the values and their first rows.</summary>
    Error,

    /// <summary>Encode the row as all zeros for that column.</summary>
    Ignore,

    /// <summary>Encode it as the infrequent category when the column has one, otherwise as all zeros.</summary>
    InfrequentIfExist,
}

/// <summary>Which one-hot column to drop per input column (scikit-learn's <c>drop</c>), for models that need a non-collinear design.</summary>
public enum DropCategory
{
    /// <summary>Keep every category.</summary>
    None,

    /// <summary>Drop the first category of every column.</summary>
    First,

    /// <summary>Drop the first category of columns with exactly two (after infrequent grouping).</summary>
    IfBinary,
}
