namespace Workbench.SageMaker.Api;

// The enum values the SageMaker model defines for the statuses a workflow branches on. Kept as strings on the
// wire types so a value added by AWS later never breaks deserialisation.

public static class TrainingJobStatus
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";

    public static bool IsTerminal(string status) => status is Completed or Failed or Stopped;
}

public static class HyperParameterTuningJobStatus
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";

    public static bool IsTerminal(string status) => status is Completed or Failed or Stopped;
}

public static class EndpointStatus
{
    public const string OutOfService = "OutOfService";
    public const string Creating = "Creating";
    public const string Updating = "Updating";
    public const string SystemUpdating = "SystemUpdating";
    public const string RollingBack = "RollingBack";
    public const string InService = "InService";
    public const string Deleting = "Deleting";
    public const string Failed = "Failed";
}

public static class TransformJobStatus
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";

    public static bool IsTerminal(string status) => status is Completed or Failed or Stopped;
}

public static class ModelApprovalStatus
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string PendingManualApproval = "PendingManualApproval";
}
