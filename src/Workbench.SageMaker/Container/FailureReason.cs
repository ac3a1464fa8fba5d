namespace Workbench.SageMaker.Container;

/// <summary>A job's <c>FailureReason</c> as SageMaker keeps it: at most 1,024 characters.</summary>
public static class FailureReason
{
    public const int MaxLength = 1024;

    public static string Limit(string reason) =>
        reason.Length <= MaxLength ? reason : string.Concat(reason.AsSpan(0, MaxLength - 1), "…");
}
