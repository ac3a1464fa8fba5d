namespace Workbench.Registry;

/// <summary>SageMaker Model Registry's approval states: a version starts pending; only approved versions should be deployed.</summary>
public enum ApprovalStatus
{
    PendingManualApproval,
    Approved,
    Rejected,
}

/// <summary>Parsing approval states as users type them (case-insensitive; "pending" for PendingManualApproval).</summary>
public static class ApprovalStatusText
{
    public static ApprovalStatus Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "pendingmanualapproval" or "pending" => ApprovalStatus.PendingManualApproval,
        "approved" => ApprovalStatus.Approved,
        "rejected" => ApprovalStatus.Rejected,
        _ => throw new FormatException($"'{text}' is not an approval status (PendingManualApproval, Approved, Rejected)."),
    };
}
