namespace Workbench.Monitoring.Drift;

/// <summary>A per-column drift test. <see cref="Auto"/> chooses as Evidently's defaults do.</summary>
public enum DriftMethod
{
    /// <summary>
    /// Reference of at most 1,000 values: Kolmogorov-Smirnov for numbers with more than 5 distinct values, chi-square
    /// for labels (and numbers) with more than 2 values, the proportions z-test for two; larger reference: Wasserstein
    /// distance normed by the reference std for numbers with more than 5 distinct values, Jensen-Shannon otherwise.
    /// Without reference rows (a Model Monitor baseline): L-infinity, simple or robust as constraints.json says.
    /// </summary>
    Auto,

    /// <summary>Two-sample Kolmogorov-Smirnov, numbers; drift when p &lt; 0.05.</summary>
    KolmogorovSmirnov,

    /// <summary>Pearson's chi-square of the current counts against the reference shares; drift when p &lt; 0.05.</summary>
    ChiSquare,

    /// <summary>Two-proportion z-test, two values; drift when p &lt; 0.05.</summary>
    ZTest,

    /// <summary>Wasserstein distance divided by the reference standard deviation (at least 0.001), numbers; drift when ≥ 0.1.</summary>
    Wasserstein,

    /// <summary>Jensen-Shannon distance of the binned distributions; drift when ≥ 0.1.</summary>
    JensenShannon,

    /// <summary>Population stability index of the binned distributions; drift when ≥ 0.1.</summary>
    Psi,

    /// <summary>Kullback-Leibler divergence KL(reference ‖ current) of the binned distributions; drift when ≥ 0.1.</summary>
    KullbackLeibler,

    /// <summary>Hellinger distance of the binned distributions; drift when ≥ 0.1.</summary>
    Hellinger,

    /// <summary>Anderson-Darling k-sample test (p-value capped to [0.001, 0.25]), numbers; drift when p &lt; 0.05.</summary>
    AndersonDarling,

    /// <summary>Cramér-von Mises two-sample test, numbers; drift when p &lt; 0.05.</summary>
    CramerVonMises,

    /// <summary>Model Monitor's linf_simple: the L-infinity distance between the CDFs (numbers) or label shares; drift when &gt; 0.1.</summary>
    LInfinity,

    /// <summary>Model Monitor's linf_robust: L-infinity, flagged only beyond the Kolmogorov-Smirnov critical value at α = 0.05 as well.</summary>
    LInfinityRobust,
}

/// <summary>What a method's score is.</summary>
public enum DriftScore
{
    /// <summary>A test's p-value: drift when below the threshold.</summary>
    PValue,

    /// <summary>A distance or divergence: drift when at or above the threshold (L-infinity: above).</summary>
    Distance,
}

/// <summary>Names, score kinds, default thresholds and applicability of the drift methods.</summary>
public static class DriftMethods
{
    public static string DisplayName(this DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov => "K-S p-value",
        DriftMethod.ChiSquare => "chi-square p-value",
        DriftMethod.ZTest => "Z-test p-value",
        DriftMethod.Wasserstein => "Wasserstein distance (normed)",
        DriftMethod.JensenShannon => "Jensen-Shannon distance",
        DriftMethod.Psi => "PSI",
        DriftMethod.KullbackLeibler => "Kullback-Leibler divergence",
        DriftMethod.Hellinger => "Hellinger distance",
        DriftMethod.AndersonDarling => "Anderson-Darling p-value",
        DriftMethod.CramerVonMises => "Cramér-von Mises p-value",
        DriftMethod.LInfinity => "L-infinity distance",
        DriftMethod.LInfinityRobust => "L-infinity distance (robust)",
        _ => method.ToString(),
    };

    /// <summary>The short name used in JSON and on the command line (ks, chisquare, z, wasserstein, jensenshannon, psi, kl, hellinger, anderson, cvm, linf, linf_robust).</summary>
    public static string Code(this DriftMethod method) => method switch
    {
        DriftMethod.Auto => "auto",
        DriftMethod.KolmogorovSmirnov => "ks",
        DriftMethod.ChiSquare => "chisquare",
        DriftMethod.ZTest => "z",
        DriftMethod.Wasserstein => "wasserstein",
        DriftMethod.JensenShannon => "jensenshannon",
        DriftMethod.Psi => "psi",
        DriftMethod.KullbackLeibler => "kl",
        DriftMethod.Hellinger => "hellinger",
        DriftMethod.AndersonDarling => "anderson",
        DriftMethod.CramerVonMises => "cvm",
        DriftMethod.LInfinity => "linf",
        DriftMethod.LInfinityRobust => "linf_robust",
        _ => method.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses <see cref="Code"/> or the enum name.</summary>
    public static DriftMethod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var method in Enum.GetValues<DriftMethod>())
        {
            if (text.Equals(method.Code(), StringComparison.OrdinalIgnoreCase) || text.Equals(method.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }

        throw new FormatException($"'{text}' is not a drift method; use one of {string.Join(", ", Enum.GetValues<DriftMethod>().Select(m => m.Code()))}.");
    }

    public static DriftScore Score(this DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ZTest or DriftMethod.AndersonDarling or DriftMethod.CramerVonMises => DriftScore.PValue,
        _ => DriftScore.Distance,
    };

    public static double DefaultThreshold(this DriftMethod method) => method.Score() == DriftScore.PValue ? 0.05 : 0.1;

    /// <summary>Whether the method compares raw numbers (and so cannot test labels).</summary>
    public static bool NumbersOnly(this DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.Wasserstein or DriftMethod.AndersonDarling or DriftMethod.CramerVonMises;

    /// <summary>Whether the method needs the reference rows (every method but L-infinity, which also works from a sketch or category counts).</summary>
    public static bool NeedsReferenceRows(this DriftMethod method) => method is not (DriftMethod.LInfinity or DriftMethod.LInfinityRobust or DriftMethod.Auto);
}
