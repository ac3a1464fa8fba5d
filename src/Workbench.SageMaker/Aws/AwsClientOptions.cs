using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace Workbench.SageMaker.Aws;

/// <summary>
/// Settings shared by the SageMaker, SageMaker Runtime and Application Auto Scaling clients: region, endpoint
/// override, credentials, retries, logging and request validation.
/// </summary>
public sealed record AwsClientOptions
{
    /// <summary>The AWS region, e.g. <c>eu-west-1</c>; when null, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, then the profile's region.</summary>
    public string? Region { get; init; }

    /// <summary>Sends every request here instead of the regional endpoint (a VPC endpoint, a proxy, a local fake).</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Explicit credentials; when null, the credential chain (environment, profile, web identity, container, instance role).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>The shared-config profile to read credentials and region from; when null, <c>AWS_PROFILE</c> or <c>default</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>The shared credentials file; when null, <c>AWS_SHARED_CREDENTIALS_FILE</c> or <c>~/.aws/credentials</c>.</summary>
    public string? SharedCredentialsFile { get; init; }

    public AwsRetryOptions Retry { get; init; } = new();

    /// <summary>Receives one line per attempt (operation, status, request id, duration) and per retry; never headers, bodies or secrets.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Checks each request against the botocore model before it is sent (on by default).</summary>
    public bool ValidateRequests { get; init; } = true;

    /// <summary>The HTTP stack; tests and proxies supply their own. The client does not dispose it.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Where environment variables are read from; the process environment unless a test says otherwise.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Never prints credentials: only what kind they are.</summary>
    public override string ToString() =>
        $"AwsClientOptions {{ Region = {Region ?? "(chain)"}, ServiceUrl = {ServiceUrl?.ToString() ?? "(regional)"}, " +
        $"Credentials = {(Credentials is null ? "(chain)" : Credentials.GetType().Name)}, Profile = {Profile ?? "(default)"}, " +
        $"MaxAttempts = {Retry.MaxAttempts}, ValidateRequests = {ValidateRequests} }}";
}
