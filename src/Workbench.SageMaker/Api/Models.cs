namespace Workbench.SageMaker.Api;

/// <summary>An inference container: image, model archive and environment.</summary>
public sealed record ContainerDefinition
{
    public string? ContainerHostname { get; init; }

    public string? Image { get; init; }

    /// <summary><c>SingleModel</c> or <c>MultiModel</c>.</summary>
    public string? Mode { get; init; }

    /// <summary>The <c>model.tar.gz</c> in S3, unpacked to <c>/opt/ml/model</c>.</summary>
    public string? ModelDataUrl { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>A versioned model package (ARN or name) to deploy instead of an image and archive.</summary>
    public string? ModelPackageName { get; init; }
}

public sealed record CreateModelRequest
{
    public required string ModelName { get; init; }

    public ContainerDefinition? PrimaryContainer { get; init; }

    public IReadOnlyList<ContainerDefinition>? Containers { get; init; }

    public string? ExecutionRoleArn { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public VpcConfig? VpcConfig { get; init; }

    public bool? EnableNetworkIsolation { get; init; }
}

public sealed record CreateModelResponse
{
    public string ModelArn { get; init; } = string.Empty;
}
