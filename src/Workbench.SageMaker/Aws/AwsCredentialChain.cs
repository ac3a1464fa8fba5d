using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Workbench.SageMaker.Aws;

/// <summary>
/// Finds credentials the way the AWS SDKs do, with AWSSDK.Core's providers: environment variables, the shared
/// profile, web identity (EKS / IRSA), container credentials (ECS, EKS Pod Identity), then the EC2 instance role.
/// When none works, the error lists every place it looked and why it failed there.
/// </summary>
/// <remarks>
/// Environment variables are read through <see cref="AwsClientOptions.Environment"/>, so tests can run without
/// touching the process environment. The web identity, container and instance providers of AWSSDK.Core read
/// the process environment themselves. Resolved credentials are cached; refreshing ones refresh themselves.
/// </remarks>
public sealed class AwsCredentialChain
{
    private readonly AwsClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _resolved;

    public AwsCredentialChain(AwsClientOptions options)
    {
        _options = options;
        _resolved = options.Credentials;
    }

    /// <summary>The credentials to sign with; throws <see cref="AwsCredentialsNotFoundException"/> when no source has any.</summary>
    public async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken = default)
    {
        if (_resolved is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _resolved ??= await SearchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AWSCredentials> SearchAsync(CancellationToken cancellationToken)
    {
        var attempts = new List<CredentialSourceAttempt>();
        foreach (var (source, find) in Sources())
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var (credentials, outcome) = find();
                if (credentials is null)
                {
                    attempts.Add(new CredentialSourceAttempt(source, outcome));
                    continue;
                }

                // Refreshing providers fetch lazily; fetch now so a broken source is reported here, not on first use.
                var immutable = await credentials.GetCredentialsAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(immutable.AccessKey) || string.IsNullOrEmpty(immutable.SecretKey))
                {
                    attempts.Add(new CredentialSourceAttempt(source, "returned empty credentials"));
                    continue;
                }

                return credentials;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                attempts.Add(new CredentialSourceAttempt(source, $"failed: {FirstLine(e.Message)}"));
            }
        }

        throw new AwsCredentialsNotFoundException(attempts);
    }

    private IEnumerable<(string Source, Func<(AWSCredentials? Credentials, string Outcome)> Find)> Sources()
    {
        yield return ("environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN", FromEnvironment);
        var profile = _options.Profile ?? Env("AWS_PROFILE") ?? "default";
        var file = _options.SharedCredentialsFile ?? Env("AWS_SHARED_CREDENTIALS_FILE");
        var where = file ?? "~/.aws/credentials and ~/.aws/config";
        yield return ($"profile '{profile}' in {where}", () => FromProfile(profile, file));
        yield return ("web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)", FromWebIdentity);
        yield return ("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / AWS_CONTAINER_CREDENTIALS_FULL_URI)", FromContainer);
        yield return ("EC2 instance metadata (instance role)", FromInstanceMetadata);
    }

    private (AWSCredentials?, string) FromEnvironment()
    {
        var accessKey = Env("AWS_ACCESS_KEY_ID");
        var secretKey = Env("AWS_SECRET_ACCESS_KEY") ?? Env("AWS_SECRET_KEY");
        var token = Env("AWS_SESSION_TOKEN");
        return (accessKey, secretKey) switch
        {
            (null, null) => (null, "not set"),
            (null, _) => (null, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"),
            (_, null) => (null, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"),
            _ when token is not null => (new SessionAWSCredentials(accessKey, secretKey, token), "found"),
            _ => (new BasicAWSCredentials(accessKey, secretKey), "found"),
        };
    }

    private static (AWSCredentials?, string) FromProfile(string profile, string? file)
    {
        if (file is not null && !File.Exists(file))
        {
            return (null, $"{file} does not exist");
        }

        var store = file is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(file);
        if (!store.TryGetProfile(profile, out _))
        {
            return (null, "no such profile");
        }

        return store.TryGetAWSCredentials(profile, out var credentials)
            ? (credentials, "found")
            : (null, "the profile has no usable credentials");
    }

    private (AWSCredentials?, string) FromWebIdentity()
    {
        var tokenFile = Env(AssumeRoleWithWebIdentityCredentials.WebIdentityTokenFileEnvVariable);
        var roleArn = Env(AssumeRoleWithWebIdentityCredentials.RoleArnEnvVariable);
        if (tokenFile is null || roleArn is null)
        {
            return (null, "not set");
        }

        var session = Env(AssumeRoleWithWebIdentityCredentials.RoleSessionNameEnvVariable) ?? $"workbench-{Guid.NewGuid():N}";
        return (new AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, session), "found");
    }

    private (AWSCredentials?, string) FromContainer() =>
        Env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is null && Env("AWS_CONTAINER_CREDENTIALS_FULL_URI") is null
            ? (null, "not set")
            : (new GenericContainerCredentials(), "found");

    private (AWSCredentials?, string) FromInstanceMetadata() =>
        string.Equals(Env("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)
            ? (null, "disabled by AWS_EC2_METADATA_DISABLED=true")
            : (new InstanceProfileAWSCredentials(), "found");

    private string? Env(string name) => _options.Environment(name) is { Length: > 0 } value ? value : null;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
