using System.Diagnostics;
using System.Globalization;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.Quality;

namespace Workbench.Benchmarks.Monitoring;

/// <summary>
/// The Workbench side of benchmarks/monitoring: load the reference and current CSVs, fit the baseline, then a full
/// drift and quality report: per column K-S, normed Wasserstein and 10-bin PSI for numbers, chi-square for labels
/// (the tests <c>scipy_side.py</c> runs), plus every data-quality check and Model Monitor's constraint violations.
/// <c>Workbench.Benchmarks monitoring-report REFERENCE CURRENT [--threads N]</c>.
/// </summary>
public static class MonitoringReportCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Workbench.Benchmarks monitoring-report REFERENCE CURRENT [--threads N]");
            return 2;
        }

        var threads = args.SkipWhile(a => a != "--threads").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(Environment.ProcessorCount);
        var watch = Stopwatch.StartNew();
        var reference = CsvReader.Read(args[0], new CsvReadOptions { DegreeOfParallelism = threads });
        var current = CsvReader.Read(args[1], new CsvReadOptions { DegreeOfParallelism = threads });
        var loaded = watch.Elapsed.TotalSeconds;

        var process = Process.GetCurrentProcess();
        var cpuLoaded = process.TotalProcessorTime;
        var baseline = Baseline.Fit(reference);
        var fitted = watch.Elapsed.TotalSeconds - loaded;
        process.Refresh();
        var cpuFitted = process.TotalProcessorTime;

        var labels = baseline.Features.Where(c => c.Kind == FeatureKind.Categorical).ToDictionary(c => c.Name, _ => DriftMethod.ChiSquare);
        DataDriftResult Drift(DriftMethod method) => DataDrift.Detect(baseline, current, new DriftOptions
        {
            Method = method, ColumnMethods = labels, Bins = method == DriftMethod.Psi ? 10 : null, MaxDegreeOfParallelism = threads,
        });
        var stages = new List<string>();
        T Timed<T>(string stage, Func<T> work)
        {
            var started = watch.Elapsed.TotalSeconds;
            var result = work();
            stages.Add(FormattableString.Invariant($"{stage}_s={watch.Elapsed.TotalSeconds - started:F3}"));
            return result;
        }

        // One scope for the report: each current column is parsed and sorted once for all the tests (ModelMonitor does the same).
        using var scope = new ColumnReadScope();
        var ks = Timed("ks", () => Drift(DriftMethod.KolmogorovSmirnov));
        var wasserstein = Timed("wasserstein", () => Drift(DriftMethod.Wasserstein));
        var psi = Timed("psi", () => Drift(DriftMethod.Psi));
        var quality = Timed("quality", () => DataQuality.Check(baseline, current));
        var report = watch.Elapsed.TotalSeconds - loaded - fitted;
        process.Refresh();
        var cpuReport = (process.TotalProcessorTime - cpuFitted).TotalSeconds;
        var cpuBaseline = (cpuFitted - cpuLoaded).TotalSeconds;

        var numbers = baseline.Features.Where(c => c.Kind == FeatureKind.Numeric).Select(c => c.Name).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"ks_sum={numbers.Sum(n => ks[n]!.Statistic):F9} wasserstein_sum={numbers.Sum(n => wasserstein[n]!.Statistic * Math.Max(PopulationStd(reference, n), 0.001)):F9} psi_sum={numbers.Sum(n => psi[n]!.Statistic):F9} chi_sum={labels.Keys.Sum(n => ks[n]!.Statistic):F6} drifted={ks.Columns.Count(c => c.Drifted)}"));
        Console.WriteLine(FormattableString.Invariant($"quality_checks={quality.Checks.Count} quality_failures={quality.Failures.Count} violations={quality.Violations.Count}"));
        Console.WriteLine(FormattableString.Invariant($"threads={threads} load_s={loaded:F3} baseline_s={fitted:F3} report_s={report:F3} total_s={fitted + report:F3} baseline_cpu_s={cpuBaseline:F3} report_cpu_s={cpuReport:F3}"));
        Console.WriteLine(string.Join(" ", stages));
        Console.WriteLine(FormattableString.Invariant($"peak_mb={Process.GetCurrentProcess().PeakWorkingSet64 >> 20}"));
        return 0;
    }

    /// <summary>The population standard deviation the normed Wasserstein divides by, to print scipy's unnormed distance.</summary>
    private static double PopulationStd(Frame frame, string column)
    {
        var values = frame[column];
        double sum = 0, squares = 0;
        long count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!values.IsNull(i))
            {
                var value = Convert.ToDouble(values[i], CultureInfo.InvariantCulture);
                sum += value;
                squares += value * value;
                count++;
            }
        }

        var mean = sum / count;
        return Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
    }
}
