using System.Net;

namespace Workbench.SageMaker.Tests.Fake;

/// <summary>An error answer of a fake service: HTTP status, AWS error code and message.</summary>
public sealed class FakeError(HttpStatusCode status, string code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;

    public static FakeError Validation(string message) => new(HttpStatusCode.BadRequest, "ValidationException", message);

    public static FakeError Throttling() => new(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded");

    public static FakeError Internal() => new(HttpStatusCode.InternalServerError, "InternalFailure", "We encountered an internal error. Please try again.");
}

/// <summary>One request the fake received, how it judged it, and what it answered.</summary>
public sealed record RecordedCall(
    string Service,
    string Operation,
    string InputJson,
    IReadOnlyList<string> Problems,
    string? SignatureError,
    int Status,
    string? ErrorCode,
    IReadOnlyDictionary<string, string> Headers);
