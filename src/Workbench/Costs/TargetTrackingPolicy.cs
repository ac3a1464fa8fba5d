namespace Workbench.Costs;

/// <summary>
/// A target-tracking scaling policy for an endpoint variant, as Application Auto Scaling applies it with the
/// predefined metric <c>SageMakerVariantInvocationsPerInstance</c> (invocations per instance per minute).
/// </summary>
/// <remarks>
/// The alarm settings are not part of the policy AWS accepts: they are the alarms target tracking creates for
/// it (scale out after 3 consecutive 1-minute datapoints above the target; scale in after 15 consecutive
/// datapoints below 90 % of it). They are exposed so a simulation can be compared with other assumptions.
/// </remarks>
public sealed record TargetTrackingPolicy
{
    public int MinInstances { get; init; } = 1;

    public int MaxInstances { get; init; } = 1;

    /// <summary>The target of <c>SageMakerVariantInvocationsPerInstance</c>: invocations per instance per minute.</summary>
    public double TargetInvocationsPerInstance { get; init; } = 100;

    public TimeSpan ScaleOutCooldown { get; init; } = TimeSpan.FromSeconds(300);

    public TimeSpan ScaleInCooldown { get; init; } = TimeSpan.FromSeconds(300);

    public bool DisableScaleIn { get; init; }

    /// <summary>Consecutive 1-minute datapoints above the target before scaling out (AWS: 3).</summary>
    public int ScaleOutDatapoints { get; init; } = 3;

    /// <summary>Consecutive 1-minute datapoints below <see cref="ScaleInThresholdRatio"/> × target before scaling in (AWS: 15).</summary>
    public int ScaleInDatapoints { get; init; } = 15;

    /// <summary>The scale-in alarm's threshold as a fraction of the target (AWS: 0.9).</summary>
    public double ScaleInThresholdRatio { get; init; } = 0.9;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        Require(MinInstances >= 1, nameof(MinInstances), $"must be at least 1 for a real-time endpoint variant, not {MinInstances}");
        Require(MaxInstances >= MinInstances, nameof(MaxInstances), $"({MaxInstances}) must be at least MinInstances ({MinInstances})");
        Require(double.IsFinite(TargetInvocationsPerInstance) && TargetInvocationsPerInstance > 0, nameof(TargetInvocationsPerInstance), $"must be a positive number, not {TargetInvocationsPerInstance}");
        Require(ScaleOutCooldown >= TimeSpan.Zero, nameof(ScaleOutCooldown), "must not be negative");
        Require(ScaleInCooldown >= TimeSpan.Zero, nameof(ScaleInCooldown), "must not be negative");
        Require(ScaleOutDatapoints >= 1, nameof(ScaleOutDatapoints), "must be at least 1");
        Require(ScaleInDatapoints >= 1, nameof(ScaleInDatapoints), "must be at least 1");
        Require(ScaleInThresholdRatio is > 0 and <= 1, nameof(ScaleInThresholdRatio), "must be in (0, 1]");
    }

    private static void Require(bool condition, string setting, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"TargetTrackingPolicy.{setting} {message}.", setting);
        }
    }
}
