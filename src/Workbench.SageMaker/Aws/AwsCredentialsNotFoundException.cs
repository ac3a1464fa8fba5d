namespace Workbench.SageMaker.Aws;

/// <summary>No credential source produced credentials; <see cref="Attempts"/> says where the chain looked and why each failed.</summary>
public sealed class AwsCredentialsNotFoundException(IReadOnlyList<CredentialSourceAttempt> attempts)
    : AwsConfigurationException(Describe(attempts))
{
    public IReadOnlyList<CredentialSourceAttempt> Attempts { get; } = attempts;

    private static string Describe(IReadOnlyList<CredentialSourceAttempt> attempts)
    {
        var lines = attempts.Select((a, i) => $"  {i + 1}. {a.Source}: {a.Outcome}");
        return "No AWS credentials found. Workbench looked, in order, at:\n" + string.Join('\n', lines) +
            "\nSet one of these, pass AwsClientOptions.Credentials, or use the local backend, which needs none.";
    }
}

/// <summary>One place the credential chain looked, and what it found there.</summary>
public sealed record CredentialSourceAttempt(string Source, string Outcome);
