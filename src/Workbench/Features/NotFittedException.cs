namespace Workbench.Features;

/// <summary>A transform or pipeline was used before <c>Fit</c>; the message names it.</summary>
public sealed class NotFittedException : InvalidOperationException
{
    public NotFittedException(string transform, string operation)
        : base($"{transform} is not fitted yet: call Fit(frame) before {operation}.")
    {
        Transform = transform;
    }

    public NotFittedException()
    {
        Transform = string.Empty;
    }

    public NotFittedException(string message)
        : base(message)
    {
        Transform = string.Empty;
    }

    public NotFittedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Transform = string.Empty;
    }

    /// <summary>The transform's type name.</summary>
    public string Transform { get; }
}
