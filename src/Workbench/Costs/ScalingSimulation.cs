namespace Workbench.Costs;

/// <summary>What a scaling simulation assumes beyond the policy and the traffic.</summary>
public sealed record ScalingSimulationSettings
{
    /// <summary>Instances in service at minute 0; the policy's minimum when null.</summary>
    public int? InitialInstances { get; init; }

    /// <summary>How long a new instance takes to serve after a scale-out starts (SageMaker: several minutes).</summary>
    public TimeSpan InstanceStartup { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Invocations one instance can serve per minute; above it requests overflow (throttled or timed out). Null: unlimited.</summary>
    public double? InstanceCapacityPerMinute { get; init; }
}

/// <summary>One simulated minute.</summary>
/// <param name="Minute">Minutes since the start of the traffic series.</param>
/// <param name="Time">The minute's start.</param>
/// <param name="Requests">Invocations in the minute.</param>
/// <param name="InServiceInstances">Instances serving during the minute.</param>
/// <param name="DesiredInstances">Desired capacity at the end of the minute (in service plus starting).</param>
/// <param name="InvocationsPerInstance">The <c>SageMakerVariantInvocationsPerInstance</c> datapoint.</param>
/// <param name="ScaleOutAlarm">Whether the scale-out alarm was in ALARM at the minute's evaluation.</param>
/// <param name="ScaleInAlarm">Whether the scale-in alarm was in ALARM at the minute's evaluation.</param>
/// <param name="OverflowRequests">Requests beyond the instances' capacity, when a capacity is set.</param>
public sealed record ScalingStep(
    int Minute,
    DateTimeOffset Time,
    double Requests,
    int InServiceInstances,
    int DesiredInstances,
    double InvocationsPerInstance,
    bool ScaleOutAlarm,
    bool ScaleInAlarm,
    double OverflowRequests);

/// <summary>A scaling activity: when it started, the capacity before and after, and why.</summary>
public sealed record ScalingActivity(int Minute, DateTimeOffset Time, int FromInstances, int ToInstances, string Reason)
{
    public bool IsScaleOut => ToInstances > FromInstances;
}

/// <summary>The outcome of replaying traffic through a target-tracking policy: instance count over time.</summary>
public sealed record ScalingSimulation(
    TargetTrackingPolicy Policy,
    ScalingSimulationSettings Settings,
    IReadOnlyList<ScalingStep> Steps,
    IReadOnlyList<ScalingActivity> Activities)
{
    public int PeakInstances => Steps.Count == 0 ? 0 : Steps.Max(s => Math.Max(s.InServiceInstances, s.DesiredInstances));

    /// <summary>Billed instance time: instances count from the start of their scale-out (SageMaker bills while they start).</summary>
    public double InstanceHours { get; init; }

    public double TotalRequests => Steps.Sum(s => s.Requests);

    public double OverflowRequests => Steps.Sum(s => s.OverflowRequests);

    /// <summary>Minutes whose datapoint exceeded the target.</summary>
    public int MinutesAboveTarget => Steps.Count(s => s.InvocationsPerInstance > Policy.TargetInvocationsPerInstance);
}
