using System.Reflection;

namespace Workbench.SageMaker.ServiceModels;

/// <summary>
/// The botocore models embedded in this assembly (copied from <c>contracts/aws/botocore</c> at build time), so
/// request validation and waiters work wherever the library runs. Each is parsed once, on first use.
/// </summary>
public static class BundledModels
{
    private static readonly Lazy<ServiceModel> SageMakerModel = new(() => LoadModel("sagemaker.service-2.json"));
    private static readonly Lazy<ServiceModel> RuntimeModel = new(() => LoadModel("sagemaker-runtime.service-2.json"));
    private static readonly Lazy<ServiceModel> AutoScalingModel = new(() => LoadModel("application-autoscaling.service-2.json"));

    /// <summary>SageMaker 2017-07-24.</summary>
    public static ServiceModel SageMaker => SageMakerModel.Value;

    /// <summary>SageMaker Runtime 2017-05-13.</summary>
    public static ServiceModel SageMakerRuntime => RuntimeModel.Value;

    /// <summary>Application Auto Scaling 2016-02-06.</summary>
    public static ServiceModel ApplicationAutoScaling => AutoScalingModel.Value;

    /// <summary>Opens one of the embedded botocore files, e.g. <c>sagemaker.waiters-2.json</c>.</summary>
    public static Stream Open(string name)
    {
        var resource = $"Workbench.SageMaker.botocore.{name}";
        return typeof(BundledModels).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The botocore file {name} is not embedded in {typeof(BundledModels).Assembly.GetName().Name}; rebuild it from a checkout with contracts/aws/botocore.");
    }

    private static ServiceModel LoadModel(string name)
    {
        using var stream = Open(name);
        return ServiceModel.Load(stream, $"embedded botocore {name}");
    }
}
