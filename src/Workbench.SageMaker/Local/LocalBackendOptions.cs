namespace Workbench.SageMaker.Local;

/// <summary>Where the local backend keeps its work and what it runs.</summary>
public sealed record LocalBackendOptions
{
    /// <summary>
    /// The backend's folder: one <c>jobs/&lt;name&gt;/opt/ml</c> tree per training job, and <c>s3/&lt;bucket&gt;/&lt;key&gt;</c>
    /// standing in for S3, so a notebook's <c>s3://</c> URIs work unchanged. Default: <c>sagemaker-local</c> under the
    /// Workbench home.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>The Workbench home whose registry model package groups map to (default: the usual home resolution).</summary>
    public string? WorkbenchHome { get; init; }

    /// <summary>
    /// The training container's entrypoint as an argument list (default: <c>dotnet Workbench.Cli.dll train</c> from
    /// this process's folder, else <c>workbench train</c> on PATH). A job's <c>AlgorithmSpecification.ContainerEntrypoint</c>
    /// replaces it, as on SageMaker.
    /// </summary>
    public IReadOnlyList<string>? TrainingCommand { get; init; }

    /// <summary>How long a stopped job has between SIGTERM and being killed (SageMaker gives 120 s).</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The region and account in the ARNs the backend makes up (the region must be 9 to 16 characters, as SageMaker's ARN patterns require).</summary>
    public string Region { get; init; } = "localhost";

    public string Account { get; init; } = "000000000000";
}
