namespace Workbench.SageMaker.Container;

/// <summary>
/// A training job cannot run as configured (a missing channel, a bad hyperparameter, a malformed config file). The
/// message names the file, channel, field or row, and becomes the job's <c>FailureReason</c>.
/// </summary>
public sealed class TrainingContainerException(string message, Exception? inner = null) : Exception(message, inner);
