namespace Workbench.SageMaker.Aws;

/// <summary>The client cannot be set up: no region, an unknown region, or no credentials anywhere it looked.</summary>
public class AwsConfigurationException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
