namespace Workbench.Serving.Capture;

/// <summary>One captured invocation: what came in and what went out (bodies as received and sent).</summary>
public sealed record CaptureRecord(
    string Variant,
    string EventId,
    string? InferenceId,
    DateTime InferenceTime,
    string InputContentType,
    ReadOnlyMemory<byte> Input,
    string OutputContentType,
    ReadOnlyMemory<byte> Output);
