namespace Workbench.SageMaker.Aws;

/// <summary>Error codes the clients treat specially, as botocore's standard retry mode does.</summary>
public static class AwsErrorCodes
{
    public const string ValidationException = "ValidationException";
    public const string ThrottlingException = "ThrottlingException";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string ResourceInUse = "ResourceInUse";
    public const string ResourceLimitExceeded = "ResourceLimitExceeded";

    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalFailure", "InternalError",
        "InternalServerError", "ServiceUnavailable", "InternalServiceException",
    };

    public static bool IsThrottling(string code) => Throttling.Contains(code);

    public static bool IsTransient(string code) => Transient.Contains(code);

    /// <summary><c>com.amazon.coral.validate#ValidationException</c> or <c>ValidationException:http://...</c> to <c>ValidationException</c>.</summary>
    public static string Normalize(string raw)
    {
        var code = raw;
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':');
        return (colon >= 0 ? code[..colon] : code).Trim();
    }
}
