namespace Workbench.Costs;

/// <summary>
/// Replays a traffic series through a target-tracking policy the way Application Auto Scaling and CloudWatch
/// drive a SageMaker endpoint variant, minute by minute.
/// </summary>
/// <remarks>
/// <para>The model simulated:</para>
/// <list type="number">
/// <item>Metric: each minute yields one datapoint of <c>SageMakerVariantInvocationsPerInstance</c>, the minute's
/// invocations divided by the instances in service (CloudWatch 1-minute period, statistic per instance).</item>
/// <item>Alarms, evaluated at the end of each minute: the scale-out alarm is in ALARM when the last
/// <see cref="TargetTrackingPolicy.ScaleOutDatapoints"/> datapoints (AWS: 3) all exceed the target; the scale-in
/// alarm when the last <see cref="TargetTrackingPolicy.ScaleInDatapoints"/> (AWS: 15) all lie below
/// <see cref="TargetTrackingPolicy.ScaleInThresholdRatio"/> (AWS: 90 %) of it. An alarm in ALARM re-triggers
/// every minute, as Application Auto Scaling re-evaluates it.</item>
/// <item>Scale-out is proportional: the new desired capacity is ⌈capacity × metric ÷ target⌉, capped at the
/// maximum, and happens only when it exceeds the desired capacity. Outside the scale-out cooldown the base
/// capacity is the desired one (instances still starting included) while the metric only counts instances in
/// service, so a cooldown shorter than <see cref="ScalingSimulationSettings.InstanceStartup"/> over-provisions,
/// as it does on AWS. Inside the cooldown (counted from the activity's start) the base is the instances in
/// service, so capacity already requested is not requested again.</item>
/// <item>Scale-in is conservative: only after the scale-in alarm's 15 minutes, never while instances are
/// starting, never within the scale-in cooldown of the previous scale-in, to ⌈in service × metric ÷ target⌉
/// (not below the minimum), and never when scale-in is disabled. Removed instances stop at once.</item>
/// <item>New instances serve from the first whole minute after <see cref="ScalingSimulationSettings.InstanceStartup"/>
/// and are billed from the start of their scale-out.</item>
/// </list>
/// <para>Not modelled: sub-minute bursts within a minute, per-instance load imbalance, instance failures, and
/// the minimum-datapoints rules CloudWatch applies to missing data (every minute has a datapoint here).</para>
/// </remarks>
public static class TargetTrackingSimulator
{
    public static ScalingSimulation Run(TargetTrackingPolicy policy, TrafficSeries traffic, ScalingSimulationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(traffic);
        policy.Validate();
        settings ??= new ScalingSimulationSettings();
        var initial = settings.InitialInstances ?? policy.MinInstances;
        if (initial < policy.MinInstances || initial > policy.MaxInstances)
        {
            throw new ArgumentException($"InitialInstances ({initial}) must lie between the policy's MinInstances ({policy.MinInstances}) and MaxInstances ({policy.MaxInstances}).", nameof(settings));
        }

        if (settings.InstanceStartup < TimeSpan.Zero || settings.InstanceCapacityPerMinute is <= 0)
        {
            throw new ArgumentException("InstanceStartup must not be negative and InstanceCapacityPerMinute, when set, must be positive.", nameof(settings));
        }

        var state = new State(initial);
        var steps = new List<ScalingStep>(traffic.Minutes);
        var activities = new List<ScalingActivity>();
        var metrics = new List<double>(traffic.Minutes);
        var billedInstanceSeconds = 0.0;
        var startupMinutes = (int)Math.Ceiling(settings.InstanceStartup.TotalSeconds / 60.0);

        for (var minute = 0; minute < traffic.Minutes; minute++)
        {
            state.BringUpInstancesDueBy(minute);
            billedInstanceSeconds += state.Desired * 60.0;
            var requests = traffic[minute];
            var metric = requests / state.InService;
            metrics.Add(metric);
            var overflow = settings.InstanceCapacityPerMinute is { } capacity ? Math.Max(0, requests - (capacity * state.InService)) : 0;

            var evaluation = TimeSpan.FromMinutes(minute + 1);
            var scaleOutAlarm = LastAll(metrics, policy.ScaleOutDatapoints, m => m > policy.TargetInvocationsPerInstance);
            var scaleInAlarm = LastAll(metrics, policy.ScaleInDatapoints, m => m < policy.ScaleInThresholdRatio * policy.TargetInvocationsPerInstance);
            var time = traffic.Start + TimeSpan.FromMinutes(minute);

            if (scaleOutAlarm)
            {
                var inCooldown = state.LastScaleOutStart is { } last && evaluation - last < policy.ScaleOutCooldown;
                var baseline = inCooldown ? state.InService : state.Desired;
                var wanted = Math.Min(policy.MaxInstances, (int)Math.Ceiling(baseline * metric / policy.TargetInvocationsPerInstance));
                if (wanted > state.Desired)
                {
                    activities.Add(new ScalingActivity(minute, time, state.Desired, wanted,
                        $"{Format(metric)} invocations per instance > target {Format(policy.TargetInvocationsPerInstance)} for {policy.ScaleOutDatapoints} minutes" +
                        (wanted == policy.MaxInstances ? " (capped at the maximum)" : string.Empty)));
                    state.StartScaleOut(wanted, minute + 1 + startupMinutes, evaluation);
                }
            }
            else if (scaleInAlarm && !policy.DisableScaleIn && state.Starting == 0
                && (state.LastScaleInStart is not { } lastIn || evaluation - lastIn >= policy.ScaleInCooldown))
            {
                var wanted = Math.Max(policy.MinInstances, (int)Math.Ceiling(state.InService * metric / policy.TargetInvocationsPerInstance));
                if (wanted < state.Desired)
                {
                    activities.Add(new ScalingActivity(minute, time, state.Desired, wanted,
                        $"{Format(metric)} invocations per instance < {Format(policy.ScaleInThresholdRatio * policy.TargetInvocationsPerInstance)} for {policy.ScaleInDatapoints} minutes"));
                    state.ScaleIn(wanted, evaluation);
                }
            }

            steps.Add(new ScalingStep(minute, time, requests, state.InServiceDuring, state.Desired, metric, scaleOutAlarm, scaleInAlarm, overflow));
        }

        return new ScalingSimulation(policy, settings, steps, activities) { InstanceHours = billedInstanceSeconds / 3600.0 };
    }

    private static bool LastAll(List<double> metrics, int count, Func<double, bool> condition) =>
        metrics.Count >= count && metrics.Skip(metrics.Count - count).All(condition);

    private static string Format(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class State(int initial)
    {
        private readonly List<(int ReadyMinute, int Count)> _starting = [];

        public int InService { get; private set; } = initial;

        /// <summary>The instances that served the current minute (before any scale-in at its end).</summary>
        public int InServiceDuring { get; private set; } = initial;

        public int Starting => _starting.Sum(s => s.Count);

        public int Desired => InService + Starting;

        public TimeSpan? LastScaleOutStart { get; private set; }

        public TimeSpan? LastScaleInStart { get; private set; }

        public void BringUpInstancesDueBy(int minute)
        {
            InService += _starting.Where(s => s.ReadyMinute <= minute).Sum(s => s.Count);
            _starting.RemoveAll(s => s.ReadyMinute <= minute);
            InServiceDuring = InService;
        }

        public void StartScaleOut(int wanted, int readyMinute, TimeSpan at)
        {
            _starting.Add((readyMinute, wanted - Desired));
            LastScaleOutStart = at;
        }

        public void ScaleIn(int wanted, TimeSpan at)
        {
            InService = wanted;
            LastScaleInStart = at;
        }
    }
}
