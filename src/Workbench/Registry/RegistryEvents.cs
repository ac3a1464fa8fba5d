namespace Workbench.Registry;

/// <summary>An approval status change: who, when, why. The first event of a version is its registration.</summary>
public sealed record ApprovalEvent(string ModelName, int Version, ApprovalStatus? PreviousStatus, ApprovalStatus Status, DateTimeOffset At, string By, string Reason);

/// <summary>An alias set, moved or deleted (<see cref="Version"/> null).</summary>
public sealed record AliasEvent(string ModelName, string Alias, int? PreviousVersion, int? Version, DateTimeOffset At, string By, string Reason);
