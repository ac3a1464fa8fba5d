using System.Net;

namespace Workbench.SageMaker.Aws;

/// <summary>
/// An error the service answered with: its code (from <c>__type</c> or <c>x-amzn-ErrorType</c>), message, HTTP
/// status and request id (quote it to AWS Support).
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(
        string service,
        string operation,
        string errorCode,
        string errorMessage,
        HttpStatusCode statusCode,
        string? requestId,
        int attempts = 1,
        Exception? inner = null)
        : base(Describe(service, operation, errorCode, errorMessage, statusCode, requestId, attempts), inner)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        RequestId = requestId;
        Attempts = attempts;
    }

    public string Service { get; }

    public string Operation { get; }

    /// <summary>The error code without its namespace, e.g. <c>ValidationException</c> or <c>ResourceNotFound</c>.</summary>
    public string ErrorCode { get; }

    public string ErrorMessage { get; }

    public HttpStatusCode StatusCode { get; }

    public string? RequestId { get; }

    /// <summary>How many attempts were made before the error was given up on.</summary>
    public int Attempts { get; }

    public bool IsThrottling => AwsErrorCodes.IsThrottling(ErrorCode) || StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Throttling, a transient error code, or a 5xx: worth another attempt.</summary>
    public bool IsRetryable => IsThrottling || AwsErrorCodes.IsTransient(ErrorCode) || (int)StatusCode >= 500;

    internal AwsServiceException WithAttempts(int attempts) =>
        new(Service, Operation, ErrorCode, ErrorMessage, StatusCode, RequestId, attempts, InnerException);

    private static string Describe(string service, string operation, string code, string message, HttpStatusCode status, string? requestId, int attempts)
    {
        var tries = attempts > 1 ? $", after {attempts} attempts" : string.Empty;
        return $"{service} {operation} failed: {code}: {message} (HTTP {(int)status}, request id {requestId ?? "none"}{tries})";
    }
}
