using System.Runtime.CompilerServices;
namespace Workbench.Learning.Solvers;

/// <summary>An objective to minimise: returns f(x) and writes ∇f(x) into <paramref name="gradient"/>.</summary>
public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, algorithms 7.4–7.5) with a strong-Wolfe line search
/// (algorithms 3.5–3.6, cubic interpolation). Stopping rules follow SciPy's L-BFGS-B as scikit-learn calls it:
/// the largest gradient component at most <see cref="LbfgsOptions.GradientTolerance"/>, or a relative decrease of
/// f at most <see cref="LbfgsOptions.FunctionTolerance"/>, or the iteration limit.
/// </summary>
public static class Lbfgs
{
    private const double SufficientDecrease = 1e-4;
    private const double Curvature = 0.9;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LbfgsResult Minimize(Objective objective, double[] initial, LbfgsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(initial);
        var o = options ?? new LbfgsOptions();
        var n = initial.Length;
        var x = (double[])initial.Clone();
        var g = new double[n];
        var evaluations = 1;
        var f = objective(x, g);
        RequireFinite(f, g, 0);
        var history = new Queue<(double[] S, double[] Y, double Rho)>();
        var direction = new double[n];
        var candidate = new double[n];
        var candidateGradient = new double[n];
        if (MaxAbs(g) <= o.GradientTolerance)
        {
            return new LbfgsResult(x, f, 0, evaluations, true, "gradient below tolerance at the start");
        }

        for (var iteration = 1; iteration <= o.MaxIterations; iteration++)
        {
            TwoLoop(g, history, direction);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                history.Clear();
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }

                slope = -Dot(g, g);
            }

            var firstStep = history.Count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(Dot(g, g))) : 1.0;
            var search = LineSearch(objective, x, f, g, direction, slope, firstStep, o.MaxLineSearch, candidate, candidateGradient, ref evaluations);
            if (search is null)
            {
                if (history.Count > 0)
                {
                    history.Clear();
                    iteration--;
                    continue;
                }

                return new LbfgsResult(x, f, iteration - 1, evaluations, false, "the line search found no acceptable step");
            }

            var (step, fNew) = search.Value;
            var s = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = step * direction[i];
                y[i] = candidateGradient[i] - g[i];
            }

            var sy = Dot(s, y);
            if (sy > 1e-10 * Dot(y, y))
            {
                if (history.Count == o.Memory)
                {
                    history.Dequeue();
                }

                history.Enqueue((s, y, 1.0 / sy));
            }

            var fOld = f;
            Array.Copy(candidate, x, n);
            Array.Copy(candidateGradient, g, n);
            f = fNew;
            if (MaxAbs(g) <= o.GradientTolerance)
            {
                return new LbfgsResult(x, f, iteration, evaluations, true, "gradient below tolerance");
            }

            if ((fOld - f) / Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(f)), 1.0) <= o.FunctionTolerance)
            {
                return new LbfgsResult(x, f, iteration, evaluations, true, "relative reduction of f below tolerance");
            }
        }

        return new LbfgsResult(x, f, o.MaxIterations, evaluations, false, $"stopped after {o.MaxIterations} iterations without converging");
    }

    /// <summary>d = −H·g from the stored curvature pairs, with H₀ = (sᵀy / yᵀy)·I.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoLoop(double[] g, Queue<(double[] S, double[] Y, double Rho)> history, double[] direction)
    {
        var n = g.Length;
        for (var i = 0; i < n; i++)
        {
            direction[i] = -g[i];
        }

        if (history.Count == 0)
        {
            return;
        }

        var pairs = history.ToArray();
        var alphas = new double[pairs.Length];
        for (var k = pairs.Length - 1; k >= 0; k--)
        {
            alphas[k] = pairs[k].Rho * Dot(pairs[k].S, direction);
            Axpy(-alphas[k], pairs[k].Y, direction);
        }

        var last = pairs[^1];
        var gamma = Dot(last.S, last.Y) / Dot(last.Y, last.Y);
        for (var i = 0; i < n; i++)
        {
            direction[i] *= gamma;
        }

        for (var k = 0; k < pairs.Length; k++)
        {
            var beta = pairs[k].Rho * Dot(pairs[k].Y, direction);
            Axpy(alphas[k] - beta, pairs[k].S, direction);
        }
    }

    /// <summary>Strong-Wolfe line search; leaves the accepted point and gradient in <paramref name="x1"/> / <paramref name="g1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Step, double Value)? LineSearch(
        Objective objective, double[] x0, double f0, double[] g0, double[] d, double slope0, double firstStep, int maxEvaluations,
        double[] x1, double[] g1, ref int evaluations)
    {
        double Evaluate(double step, ref int count, out double slope)
        {
            for (var i = 0; i < x0.Length; i++)
            {
                x1[i] = x0[i] + (step * d[i]);
            }

            count++;
            var value = objective(x1, g1);
            slope = Dot(g1, d);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }

        double previousStep = 0, previousValue = f0, previousSlope = slope0;
        var step = firstStep;
        for (var i = 0; i < maxEvaluations; i++)
        {
            var value = Evaluate(step, ref evaluations, out var slope);
            if (value > f0 + (SufficientDecrease * step * slope0) || (i > 0 && value >= previousValue))
            {
                return Zoom(previousStep, previousValue, previousSlope, step, value, slope, ref evaluations);
            }

            if (Math.Abs(slope) <= -Curvature * slope0)
            {
                return (step, value);
            }

            if (slope >= 0)
            {
                return Zoom(step, value, slope, previousStep, previousValue, previousSlope, ref evaluations);
            }

            (previousStep, previousValue, previousSlope) = (step, value, slope);
            step *= 2.0;
        }

        return null;

        (double, double)? Zoom(double lo, double fLo, double dLo, double hi, double fHi, double dHi, ref int count)
        {
            for (var j = 0; j < maxEvaluations; j++)
            {
                var trial = CubicMinimum(lo, fLo, dLo, hi, fHi, dHi);
                var width = Math.Abs(hi - lo);
                var low = Math.Min(lo, hi) + (0.1 * width);
                var high = Math.Max(lo, hi) - (0.1 * width);
                if (!double.IsFinite(trial) || trial < low || trial > high)
                {
                    trial = (lo + hi) / 2.0;
                }

                var value = Evaluate(trial, ref count, out var slope);
                if (value > f0 + (SufficientDecrease * trial * slope0) || value >= fLo)
                {
                    (hi, fHi, dHi) = (trial, value, slope);
                }
                else
                {
                    if (Math.Abs(slope) <= -Curvature * slope0)
                    {
                        return (trial, value);
                    }

                    if (slope * (hi - lo) >= 0)
                    {
                        (hi, fHi, dHi) = (lo, fLo, dLo);
                    }

                    (lo, fLo, dLo) = (trial, value, slope);
                }

                if (Math.Abs(hi - lo) < 1e-16 * Math.Max(1.0, Math.Abs(lo)))
                {
                    break;
                }
            }

            // Accept the best point that still decreases f sufficiently, as SciPy does when the search stalls.
            if (lo > 0 && fLo <= f0 + (SufficientDecrease * lo * slope0))
            {
                var value = Evaluate(lo, ref count, out _);
                return (lo, value);
            }

            return null;
        }
    }

    /// <summary>Minimiser of the cubic through (a, fa, da) and (b, fb, db).</summary>
    private static double CubicMinimum(double a, double fa, double da, double b, double fb, double db)
    {
        var d1 = da + db - (3.0 * (fa - fb) / (a - b));
        var radicand = (d1 * d1) - (da * db);
        if (radicand < 0)
        {
            return double.NaN;
        }

        var d2 = Math.Sign(b - a) * Math.Sqrt(radicand);
        return b - ((b - a) * (db + d2 - d1) / (db - da + (2.0 * d2)));
    }

    private static void RequireFinite(double value, double[] gradient, int iteration)
    {
        if (!double.IsFinite(value) || gradient.Any(v => !double.IsFinite(v)))
        {
            throw new ArithmeticException($"The objective is not finite at iteration {iteration} (f = {value}); check the inputs for NaN or infinite values.");
        }
    }

    private static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);

    private static void Axpy(double alpha, double[] x, double[] y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    private static double MaxAbs(double[] values) => values.Length == 0 ? 0 : values.Max(Math.Abs);
}

/// <summary>L-BFGS settings; the defaults are scikit-learn's for <c>LogisticRegression(solver="lbfgs")</c>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>Curvature pairs kept (SciPy's <c>maxcor</c>).</summary>
    public int Memory { get; init; } = 10;

    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when every gradient component is at most this in absolute value (SciPy's <c>gtol</c>).</summary>
    public double GradientTolerance { get; init; } = 1e-4;

    /// <summary>Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) is at most this (SciPy's <c>ftol</c>).</summary>
    public double FunctionTolerance { get; init; } = 2.220446049250313e-09;

    /// <summary>Function evaluations allowed per line search (SciPy's <c>maxls</c>).</summary>
    public int MaxLineSearch { get; init; } = 20;
}

/// <summary>Where L-BFGS stopped and why.</summary>
public sealed record LbfgsResult(double[] Solution, double Value, int Iterations, int Evaluations, bool Converged, string Message);
