using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Local;

namespace Workbench.SageMaker.Backends;

/// <summary>
/// One setting picks the backend, so a notebook runs the same workflow on Amazon SageMaker or on this machine:
/// <code>var (backend, why) = await SageMakerBackends.TryCreateAsync(backendName, local, aws);</code>
/// </summary>
public static class SageMakerBackends
{
    public const string Local = "local";
    public const string SageMaker = "sagemaker";

    /// <summary>
    /// The backend named <paramref name="name"/>; for <c>sagemaker</c>, null and the reason when no region or no
    /// credentials can be found (the reason lists where it looked; it never contains a secret).
    /// </summary>
    public static async Task<(ISageMakerBackend? Backend, string? Unavailable)> TryCreateAsync(
        string name, LocalBackendOptions? local = null, AwsClientOptions? aws = null, CancellationToken cancellationToken = default)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Local:
                return (new LocalSageMakerBackend(local), null);
            case SageMaker:
                var options = aws ?? new AwsClientOptions();
                try
                {
                    AwsRegionResolver.Resolve(options);
                    await new AwsCredentialChain(options).ResolveAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (AwsConfigurationException e)
                {
                    return (null, e.Message);
                }

                return (new SageMakerCloudBackend(options), null);
            default:
                throw new ArgumentException($"Backend '{name}' is not one of '{Local}' and '{SageMaker}'.", nameof(name));
        }
    }
}
