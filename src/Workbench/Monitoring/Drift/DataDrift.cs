using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Columns;
using Workbench.Monitoring.ModelMonitorFormat;
using Workbench.Monitoring.Statistics;

namespace Workbench.Monitoring.Drift;

/// <summary>
/// Per-column drift between a baseline's reference and a current batch, each column with the test
/// <see cref="DriftMethod.Auto"/> picks (Evidently's defaults) or the one asked for, and the dataset verdict.
/// </summary>
/// <example>
/// <code>
/// var drift = DataDrift.Detect(baseline, batch);                                   // automatic choice per column
/// var psi = DataDrift.Detect(baseline, batch, new DriftOptions { Method = DriftMethod.Psi, Bins = 10 });
/// drift["bmi"]!.Drifted
/// </code>
/// </example>
public static class DataDrift
{
    /// <summary>Kolmogorov's c(α) at α = 0.05, √(-ln(α/2) / 2): the robust L-infinity's critical factor.</summary>
    public static readonly double KsCriticalFactor = Math.Sqrt(-Math.Log(0.05 / 2) / 2);

    /// <summary>Tests every feature, target and prediction column of <paramref name="baseline"/> on <paramref name="current"/>.</summary>
    public static DataDriftResult Detect(Baseline baseline, Frame current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        options.Validate();
        foreach (var name in options.ColumnMethods.Keys.Concat(options.ColumnThresholds.Keys))
        {
            _ = baseline[name];
        }

        var columns = baseline.Columns.Where(c => c.Role is ColumnRole.Feature or ColumnRole.Target or ColumnRole.Prediction).ToArray();
        var results = new ColumnDrift[columns.Length];
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount }, i =>
        {
            results[i] = TestColumn(baseline, columns[i], current.Contains(columns[i].Name) ? current[columns[i].Name] : null, options);
        });
        return new DataDriftResult(results, options.DriftShare);
    }

    /// <summary>Fits a baseline on <paramref name="reference"/> and tests <paramref name="current"/> against it.</summary>
    public static DataDriftResult Detect(Frame reference, Frame current, DriftOptions? options = null, BaselineOptions? baselineOptions = null) =>
        Detect(Baseline.Fit(reference, baselineOptions), current, options);

    internal static ColumnDrift TestColumn(Baseline baseline, ColumnBaseline column, Column? current, DriftOptions options)
    {
        var template = new ColumnDrift { Column = column.Name, Kind = column.Kind, Role = column.Role, Method = DriftMethod.Auto };
        if (column.Kind is not (FeatureKind.Numeric or FeatureKind.Categorical or FeatureKind.Boolean))
        {
            return template with { NotTested = column.Kind switch
            {
                FeatureKind.Text => "free text is not tested for drift",
                FeatureKind.DateTime => "timestamps define windows; they are not tested for drift",
                _ => "identifiers are not tested for drift",
            } };
        }

        if (current is null)
        {
            return template with { NotTested = "missing from the current data" };
        }

        try
        {
            return column.Kind == FeatureKind.Numeric
                ? TestNumbers(baseline, column, ColumnReader.Numbers(current), options, template)
                : TestLabels(baseline, column, ColumnReader.Labels(current, booleans: column.Kind == FeatureKind.Boolean), options, template);
        }
        catch (ArgumentException e) when (options.ColumnMethods.ContainsKey(column.Name))
        {
            throw new ArgumentException($"column '{column.Name}': {e.Message}", e);
        }
    }

    private static ColumnDrift TestNumbers(Baseline baseline, ColumnBaseline column, NumericValues current, DriftOptions options, ColumnDrift template)
    {
        var reference = baseline.ReferenceValues.Numbers(column);
        var referenceCount = reference?.Count ?? column.Numeric?.Sketch.Count ?? 0;
        template = template with { ReferenceCount = referenceCount, CurrentCount = current.Count };
        if (referenceCount == 0)
        {
            return template with { NotTested = "the reference has no values" };
        }

        if (current.Count == 0)
        {
            return template with { NotTested = current.Mismatched > 0 ? "no value of the current data reads as a number" : "the current data has no values" };
        }

        if (reference is null)
        {
            return TestNumbersAgainstSketch(baseline, column, current, options, template);
        }

        var distinct = PooledDistinct(reference.Sorted, current.Sorted);
        var method = Resolve(column.Name, options, numbers: true, referenceCount, distinct, hasRows: true, baseline.Constraints.Config);
        if (method.NotTested is { } why)
        {
            return template with { Method = method.Method, NotTested = why };
        }

        var threshold = Threshold(column.Name, method.Method, options, baseline.Constraints.Config, numeric: true);
        var result = template with
        {
            Method = method.Method,
            Threshold = threshold,
            Distribution = NumericDistribution(reference, current, options),
        };
        switch (method.Method)
        {
            case DriftMethod.KolmogorovSmirnov:
                {
                    var ks = KolmogorovSmirnov.TwoSample(reference.Sorted, current.Sorted);
                    return Decide(result with { Statistic = ks.Statistic, PValue = ks.PValue, Note = ks.Method == KsMethod.Exact ? "exact p-value" : "asymptotic p-value" });
                }

            case DriftMethod.Wasserstein:
                {
                    var std = PopulationStd(reference.Sorted);
                    var distance = Wasserstein.Distance(reference.Sorted, current.Sorted) / Math.Max(std, 0.001);
                    return Decide(result with { Statistic = distance, Note = FormattableString.Invariant($"Wasserstein distance / reference std {std:G4}") });
                }

            case DriftMethod.AndersonDarling:
                {
                    var ad = AndersonDarling.TwoSample(reference.Sorted, current.Sorted);
                    if (ad is null)
                    {
                        return result with { Statistic = 0, PValue = 1, Drifted = false, Note = "every value is the same in both samples" };
                    }

                    var note = ad.PValue >= 0.25 ? "p-value capped at 0.25" : ad.PValue <= 0.001 ? "p-value floored at 0.001" : null;
                    return Decide(result with { Statistic = ad.Statistic, PValue = ad.PValue, Note = note });
                }

            case DriftMethod.CramerVonMises:
                {
                    if (reference.Count < 2 || current.Count < 2)
                    {
                        return result with { NotTested = "Cramér-von Mises needs at least two values on each side" };
                    }

                    if (reference.Sorted[0] == reference.Sorted[^1] && current.Sorted[0] == current.Sorted[^1] && reference.Sorted[0] == current.Sorted[0])
                    {
                        // scipy 1.10's cramervonmises_2samp gives a tiny p-value for two identical constant samples (its tie correction degenerates); they do not differ.
                        return result with { Statistic = 0, PValue = 1, Drifted = false, Note = "every value is the same in both samples" };
                    }

                    var cvm = CramerVonMises.TwoSample(reference.Sorted, current.Sorted);
                    return Decide(result with { Statistic = cvm.Statistic, PValue = cvm.PValue, Note = cvm.Exact ? "exact p-value" : "asymptotic p-value" });
                }

            case DriftMethod.LInfinity or DriftMethod.LInfinityRobust:
                return LInfinityDecision(result, KolmogorovSmirnov.Statistic(reference.Sorted, current.Sorted), reference.Count, current.Count);

            default:
                {
                    if (reference.Distinct() > options.BinAbove)
                    {
                        var binned = Binned(reference.Sorted, current.Sorted, options.Bins);
                        return Categorical(result, binned.Reference, binned.Current);
                    }

                    var values = ValueCounts(reference.Sorted, current.Sorted);
                    return Categorical(result, values.Reference, values.Current);
                }
        }
    }

    private static ColumnDrift TestNumbersAgainstSketch(Baseline baseline, ColumnBaseline column, NumericValues current, DriftOptions options, ColumnDrift template)
    {
        var method = Resolve(column.Name, options, numbers: true, template.ReferenceCount, int.MaxValue, hasRows: false, baseline.Constraints.Config);
        if (method.NotTested is { } why)
        {
            return template with { Method = method.Method, NotTested = why };
        }

        var sketch = column.Numeric!.Sketch;
        var items = sketch.WeightedItems();
        var distance = SketchLInfinity(items, current.Sorted);
        var edges = Binning.EqualWidthEdges(Math.Min(column.Numeric.Min, current.Min), Math.Max(column.Numeric.Max, current.Max), 20);
        var referenceShares = new double[edges.Length - 1];
        for (var b = 0; b < referenceShares.Length; b++)
        {
            var upper = b == referenceShares.Length - 1 ? 1.0 : sketch.Cdf(Math.BitDecrement(edges[b + 1]));
            var lower = b == 0 ? 0.0 : sketch.Cdf(Math.BitDecrement(edges[b]));
            referenceShares[b] = Math.Max(0, upper - lower);
        }

        var result = template with
        {
            Method = method.Method,
            Threshold = Threshold(column.Name, method.Method, options, baseline.Constraints.Config, numeric: true),
            Distribution = new ColumnDistribution { Edges = edges, Reference = referenceShares, Current = Binning.Shares(Binning.Counts(current.Sorted, edges), current.Count) },
            Note = "reference distribution from the baseline's KLL sketch",
        };
        return LInfinityDecision(result, distance, template.ReferenceCount, current.Count);
    }

    private static ColumnDrift TestLabels(Baseline baseline, ColumnBaseline column, LabelValues current, DriftOptions options, ColumnDrift template)
    {
        var reference = baseline.ReferenceValues.Labels(column)!;
        template = template with { ReferenceCount = reference.Present, CurrentCount = current.Present };
        if (reference.Present == 0)
        {
            return template with { NotTested = "the reference has no values" };
        }

        if (current.Present == 0)
        {
            return template with { NotTested = "the current data has no values" };
        }

        var union = reference.Counts.Keys.Union(current.Counts.Keys, StringComparer.Ordinal).Count();
        var method = Resolve(column.Name, options, numbers: false, reference.Present, union, baseline.ReferenceValues.HasRows, baseline.Constraints.Config);
        if (method.NotTested is { } why)
        {
            return template with { Method = method.Method, NotTested = why };
        }

        var counts = LabelCounts(reference.Counts, current.Counts);
        var result = template with
        {
            Method = method.Method,
            Threshold = Threshold(column.Name, method.Method, options, baseline.Constraints.Config, numeric: false),
        };
        return Categorical(result, counts.Reference, counts.Current, counts.Labels);
    }

    /// <summary>Runs a label-based method on aligned counts (labels or bins) and records the distribution.</summary>
    private static ColumnDrift Categorical(ColumnDrift result, IReadOnlyList<long> referenceCounts, IReadOnlyList<long> currentCounts, IReadOnlyList<string>? labels = null)
    {
        long referenceTotal = referenceCounts.Sum(), currentTotal = currentCounts.Sum();
        var referenceShares = Binning.Shares(referenceCounts, referenceTotal);
        var currentShares = Binning.Shares(currentCounts, currentTotal);
        if (labels is not null)
        {
            result = result with { Distribution = LabelDistribution(labels, referenceShares, currentShares) };
        }

        switch (result.Method)
        {
            case DriftMethod.ChiSquare:
                {
                    var scale = (double)currentTotal / referenceTotal;
                    var observed = currentCounts.Select(c => (double)c).ToArray();
                    var expected = referenceCounts.Select(r => r * scale).ToArray();
                    var chi = ChiSquare.GoodnessOfFit(observed, expected);
                    return Decide(result with { Statistic = chi.Statistic, PValue = chi.PValue, Note = $"{chi.DegreesOfFreedom} degrees of freedom" });
                }

            case DriftMethod.ZTest:
                {
                    if (referenceCounts.Count > 2)
                    {
                        throw new ArgumentException($"the z-test compares two values; this column has {referenceCounts.Count}.");
                    }

                    if (referenceCounts.Count == 1)
                    {
                        return result with { Statistic = 0, PValue = 1, Drifted = false, Note = "one value, the same on both sides" };
                    }

                    var z = ProportionsZTest.TwoSided(referenceCounts[0], referenceTotal, currentCounts[0], currentTotal);
                    return Decide(result with { Statistic = z.Statistic, PValue = z.PValue });
                }

            case DriftMethod.LInfinity or DriftMethod.LInfinityRobust:
                return LInfinityDecision(result, Divergences.LInfinity(referenceShares, currentShares), referenceTotal, currentTotal);

            case DriftMethod.Hellinger:
                return Decide(result with { Statistic = Divergences.Hellinger(referenceShares, currentShares) });

            default:
                {
                    var r = Binning.FillZeros(referenceShares);
                    var c = Binning.FillZeros(currentShares);
                    var value = result.Method switch
                    {
                        DriftMethod.Psi => Divergences.PopulationStabilityIndex(r, c),
                        DriftMethod.KullbackLeibler => Divergences.KullbackLeibler(r, c),
                        DriftMethod.JensenShannon => Divergences.JensenShannon(r, c),
                        _ => throw new InvalidOperationException($"{result.Method} is not a binned method."),
                    };
                    return Decide(result with { Statistic = value });
                }
        }
    }

    private static ColumnDrift LInfinityDecision(ColumnDrift result, double distance, long referenceCount, long currentCount)
    {
        if (result.Method == DriftMethod.LInfinityRobust)
        {
            var critical = KsCriticalFactor * Math.Sqrt((double)(referenceCount + currentCount) / ((double)referenceCount * currentCount));
            return result with
            {
                Statistic = distance,
                Drifted = distance > result.Threshold && distance > critical,
                Note = FormattableString.Invariant($"robust: also needs the K-S critical value {critical:G4} at α = 0.05"),
            };
        }

        return result with { Statistic = distance, Drifted = distance > result.Threshold };
    }

    private static ColumnDrift Decide(ColumnDrift result) => result with
    {
        Drifted = result.ScoreKind == DriftScore.PValue ? result.Score < result.Threshold : result.Score >= result.Threshold,
    };

    private readonly record struct Resolution(DriftMethod Method, string? NotTested);

    private static Resolution Resolve(string column, DriftOptions options, bool numbers, long referenceCount, long distinct, bool hasRows, MonitoringConfig config)
    {
        var numeric = numbers && distinct > options.FewValues;
        if (options.ColumnMethods.TryGetValue(column, out var asked) && asked != DriftMethod.Auto)
        {
            if (asked.NumbersOnly() && !numbers)
            {
                throw new ArgumentException($"{asked.DisplayName()} compares numbers; this column holds labels.");
            }

            if (asked == DriftMethod.ZTest && distinct > 2)
            {
                throw new ArgumentException($"the z-test compares two values; this column has {distinct}.");
            }

            return !hasRows && asked.NeedsReferenceRows()
                ? new Resolution(asked, $"{asked.DisplayName()} needs the reference rows; this baseline holds statistics only")
                : new Resolution(asked, null);
        }

        var global = options.Method;
        if (global != DriftMethod.Auto && (!global.NumbersOnly() || numbers) && (global != DriftMethod.ZTest || distinct <= 2) && (hasRows || !global.NeedsReferenceRows()))
        {
            return new Resolution(global, null);
        }

        if (!hasRows)
        {
            return new Resolution(
                numbers
                    ? config.ComparisonMethod == DistributionComparison.Robust ? DriftMethod.LInfinityRobust : DriftMethod.LInfinity
                    : config.CategoricalDriftMethod == CategoricalComparison.ChiSquared ? DriftMethod.ChiSquare : DriftMethod.LInfinity,
                null);
        }

        if (referenceCount <= options.SmallReference)
        {
            return new Resolution(numeric ? DriftMethod.KolmogorovSmirnov : distinct > 2 ? DriftMethod.ChiSquare : DriftMethod.ZTest, null);
        }

        return new Resolution(numeric ? DriftMethod.Wasserstein : DriftMethod.JensenShannon, null);
    }

    private static double Threshold(string column, DriftMethod method, DriftOptions options, MonitoringConfig config, bool numeric) =>
        options.ColumnThresholds.TryGetValue(column, out var own) ? own
        : options.Threshold is { } all ? all
        : method is DriftMethod.LInfinity or DriftMethod.LInfinityRobust
            ? numeric ? config.ComparisonThreshold : config.CategoricalComparisonThreshold
            : method.DefaultThreshold();

    private static long PooledDistinct(double[] a, double[] b)
    {
        long distinct = 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var value = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] <= value)
            {
                i++;
            }

            while (j < b.Length && b[j] <= value)
            {
                j++;
            }

            distinct++;
        }

        return distinct;
    }

    private static double PopulationStd(double[] values)
    {
        var mean = Data.Stats.Mean(values);
        var squares = 0.0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return Math.Sqrt(squares / values.Length);
    }

    /// <summary>Counts of both samples on shared equal-width bins over the pooled range (Sturges' count unless given).</summary>
    private static (long[] Reference, long[] Current, double[] Edges) Binned(double[] reference, double[] current, int? bins)
    {
        var min = Math.Min(reference[0], current[0]);
        var max = Math.Max(reference[^1], current[^1]);
        var edges = Binning.EqualWidthEdges(min, max, bins ?? Binning.SturgesBins(reference.Length + current.Length, min, max));
        return (Binning.Counts(reference, edges), Binning.Counts(current, edges), edges);
    }

    /// <summary>Counts per distinct value of both samples (numbers compared as labels).</summary>
    private static (long[] Reference, long[] Current, string[] Labels) ValueCounts(double[] reference, double[] current)
    {
        var referenceCounts = new List<long>();
        var currentCounts = new List<long>();
        var labels = new List<string>();
        int i = 0, j = 0;
        while (i < reference.Length || j < current.Length)
        {
            var value = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            int startI = i, startJ = j;
            while (i < reference.Length && reference[i] <= value)
            {
                i++;
            }

            while (j < current.Length && current[j] <= value)
            {
                j++;
            }

            referenceCounts.Add(i - startI);
            currentCounts.Add(j - startJ);
            labels.Add(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        return ([.. referenceCounts], [.. currentCounts], [.. labels]);
    }

    /// <summary>Counts per label over the union of labels: reference labels by frequency, then new labels by frequency.</summary>
    private static (long[] Reference, long[] Current, string[] Labels) LabelCounts(Dictionary<string, long> reference, Dictionary<string, long> current)
    {
        var labels = reference.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key)
            .Concat(current.Where(p => !reference.ContainsKey(p.Key)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key))
            .ToArray();
        return (labels.Select(l => reference.GetValueOrDefault(l)).ToArray(), labels.Select(l => current.GetValueOrDefault(l)).ToArray(), labels);
    }

    private static ColumnDistribution NumericDistribution(NumericValues reference, NumericValues current, DriftOptions options)
    {
        if (reference.Distinct() <= options.BinAbove)
        {
            var (r, c, labels) = ValueCounts(reference.Sorted, current.Sorted);
            if (labels.Length <= 2 * options.BinAbove)
            {
                return new ColumnDistribution { Labels = labels, Reference = Binning.Shares(r, reference.Count), Current = Binning.Shares(c, current.Count) };
            }
        }

        var (referenceCounts, currentCounts, edges) = Binned(reference.Sorted, current.Sorted, options.Bins);
        return new ColumnDistribution { Edges = edges, Reference = Binning.Shares(referenceCounts, reference.Count), Current = Binning.Shares(currentCounts, current.Count) };
    }

    private static ColumnDistribution LabelDistribution(IReadOnlyList<string> labels, double[] reference, double[] current)
    {
        const int shown = 30;
        if (labels.Count <= shown)
        {
            return new ColumnDistribution { Labels = labels, Reference = reference, Current = current };
        }

        return new ColumnDistribution
        {
            Labels = [.. labels.Take(shown), "(other)"],
            Reference = [.. reference.Take(shown), reference.Skip(shown).Sum()],
            Current = [.. current.Take(shown), current.Skip(shown).Sum()],
        };
    }

    /// <summary>sup |F_sketch(x) - F_current(x)| over every sketch item and current value.</summary>
    private static double SketchLInfinity((double Value, double Weight)[] items, double[] current)
    {
        var totalWeight = items.Sum(i => i.Weight);
        double weightBelow = 0, max = 0;
        int i = 0, j = 0;
        while (i < items.Length || j < current.Length)
        {
            var value = j >= current.Length || (i < items.Length && items[i].Value <= current[j]) ? items[i].Value : current[j];
            while (i < items.Length && items[i].Value <= value)
            {
                weightBelow += items[i].Weight;
                i++;
            }

            while (j < current.Length && current[j] <= value)
            {
                j++;
            }

            max = Math.Max(max, Math.Abs((weightBelow / totalWeight) - ((double)j / current.Length)));
        }

        return max;
    }
}
