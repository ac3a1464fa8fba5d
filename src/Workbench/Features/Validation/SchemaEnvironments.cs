namespace Workbench.Features.Validation;

/// <summary>
/// The environments a schema knows by default, as TFDV's: training data carries the label, serving requests do not.
/// A column can be limited to some environments (<see cref="ColumnSchema.OnlyIn"/>).
/// </summary>
public static class SchemaEnvironments
{
    public const string Training = "training";

    public const string Serving = "serving";
}
