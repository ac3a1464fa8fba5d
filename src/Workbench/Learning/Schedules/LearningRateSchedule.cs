namespace Workbench.Learning.Schedules;

/// <summary>
/// A learning rate as a pure function of the step (epoch or batch, as the Trainer is told), so a resumed run
/// lands on exactly the same rate. Schedules compose: <see cref="WithWarmup"/> prefixes a linear warm-up and
/// <see cref="Then"/> switches to another schedule after a number of steps (PyTorch's <c>SequentialLR</c>).
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>The base rate throughout.</summary>
    public static LearningRateSchedule Constant() => new ConstantSchedule();

    /// <summary><c>base · γ^⌊step / stepSize⌋</c> (PyTorch's <c>StepLR</c>).</summary>
    public static LearningRateSchedule Step(long stepSize, double gamma = 0.1) =>
        stepSize > 0 ? new StepSchedule(stepSize, gamma) : throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "stepSize must be positive.");

    /// <summary>Cosine annealing from base to <paramref name="minimumRate"/> over <paramref name="totalSteps"/>, then flat (PyTorch's <c>CosineAnnealingLR</c> closed form).</summary>
    public static LearningRateSchedule Cosine(long totalSteps, double minimumRate = 0.0) =>
        totalSteps > 0 ? new CosineSchedule(totalSteps, minimumRate) : throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "totalSteps must be positive.");

    /// <summary>
    /// One-cycle (PyTorch's <c>OneCycleLR</c>, cosine annealing): from max/<paramref name="divFactor"/> up to the
    /// maximum (the base rate unless <paramref name="maximumRate"/> is given) over <paramref name="warmupFraction"/>
    /// of the steps, then down to initial/<paramref name="finalDivFactor"/>.
    /// </summary>
    public static LearningRateSchedule OneCycle(long totalSteps, double? maximumRate = null, double warmupFraction = 0.3, double divFactor = 25.0, double finalDivFactor = 1e4)
    {
        if (totalSteps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "One-cycle needs at least 2 steps.");
        }

        if (warmupFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "warmupFraction must be in (0, 1).");
        }

        return new OneCycleSchedule(totalSteps, maximumRate, warmupFraction, divFactor, finalDivFactor);
    }

    /// <summary>Linear warm-up from <paramref name="startFactor"/>·base to base over <paramref name="warmupSteps"/>, then the base rate.</summary>
    public static LearningRateSchedule LinearWarmup(long warmupSteps, double startFactor = 0.0) => Constant().WithWarmup(warmupSteps, startFactor);

    /// <summary>The learning rate at <paramref name="step"/> (from 0) for <paramref name="baseRate"/>.</summary>
    public abstract double At(long step, double baseRate);

    /// <summary>This schedule after a linear warm-up of <paramref name="warmupSteps"/> (this schedule's step 0 follows the warm-up).</summary>
    public LearningRateSchedule WithWarmup(long warmupSteps, double startFactor = 0.0) =>
        warmupSteps >= 0 ? new WarmupSchedule(this, warmupSteps, startFactor) : throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "warmupSteps must be non-negative.");

    /// <summary>This schedule for <paramref name="steps"/> steps, then <paramref name="next"/> from its own step 0.</summary>
    public LearningRateSchedule Then(LearningRateSchedule next, long steps) =>
        steps >= 0 ? new SequenceSchedule(this, next ?? throw new ArgumentNullException(nameof(next)), steps) : throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be non-negative.");

    private sealed record ConstantSchedule : LearningRateSchedule
    {
        public override double At(long step, double baseRate) => baseRate;
    }

    private sealed record StepSchedule(long StepSize, double Gamma) : LearningRateSchedule
    {
        public override double At(long step, double baseRate) => baseRate * Math.Pow(Gamma, step / StepSize);
    }

    private sealed record CosineSchedule(long TotalSteps, double MinimumRate) : LearningRateSchedule
    {
        public override double At(long step, double baseRate)
        {
            var t = Math.Min(step, TotalSteps);
            return MinimumRate + ((baseRate - MinimumRate) * (1.0 + Math.Cos(Math.PI * t / TotalSteps)) / 2.0);
        }
    }

    private sealed record OneCycleSchedule(long TotalSteps, double? MaximumRate, double WarmupFraction, double DivFactor, double FinalDivFactor) : LearningRateSchedule
    {
        public override double At(long step, double baseRate)
        {
            var maximum = MaximumRate ?? baseRate;
            var initial = maximum / DivFactor;
            var minimum = initial / FinalDivFactor;
            var peak = (WarmupFraction * TotalSteps) - 1.0;
            var end = TotalSteps - 1.0;
            var t = Math.Min(step, TotalSteps - 1);
            return t <= peak
                ? Anneal(initial, maximum, peak <= 0 ? 1.0 : t / peak)
                : Anneal(maximum, minimum, (t - peak) / (end - peak));
        }

        private static double Anneal(double start, double end, double fraction) => end + ((start - end) / 2.0 * (Math.Cos(Math.PI * fraction) + 1.0));
    }

    private sealed record WarmupSchedule(LearningRateSchedule After, long WarmupSteps, double StartFactor) : LearningRateSchedule
    {
        public override double At(long step, double baseRate) => step < WarmupSteps
            ? baseRate * (StartFactor + ((1.0 - StartFactor) * step / WarmupSteps))
            : After.At(step - WarmupSteps, baseRate);
    }

    private sealed record SequenceSchedule(LearningRateSchedule First, LearningRateSchedule Next, long Steps) : LearningRateSchedule
    {
        public override double At(long step, double baseRate) => step < Steps ? First.At(step, baseRate) : Next.At(step - Steps, baseRate);
    }
}
