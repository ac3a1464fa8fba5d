namespace Workbench.Features.Validation;

/// <summary>How <see cref="DataSchema.Infer"/> turns what it sees into expectations.</summary>
public sealed record SchemaInferenceOptions
{
    /// <summary>The label column: required in training only (absent from serving requests).</summary>
    public string? Label { get; init; }

    /// <summary>Text columns with at most this many distinct values get an allowed-categories list; more is free text.</summary>
    public int MaxCategories { get; init; } = 50;

    /// <summary>The tolerance put on every numeric range, as a fraction of the observed range (0.1: ten percent each side).</summary>
    public double RangeTolerance { get; init; } = 0.1;

    /// <summary>
    /// A column with missing values may have up to <c>max(observed × NullFactor, observed + NullMargin)</c> missing;
    /// a column with none may have none.
    /// </summary>
    public double NullFactor { get; init; } = 2;

    /// <inheritdoc cref="NullFactor"/>
    public double NullMargin { get; init; } = 0.05;

    /// <summary>The environments the schema knows.</summary>
    public IReadOnlyList<string> Environments { get; init; } = [SchemaEnvironments.Training, SchemaEnvironments.Serving];
}
