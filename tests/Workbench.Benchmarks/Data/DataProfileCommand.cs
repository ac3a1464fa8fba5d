using System.Diagnostics;
using System.Globalization;
using Workbench.Data;
using Workbench.Data.Io;

namespace Workbench.Benchmarks.Data;

/// <summary>
/// The Workbench side of benchmarks/data: load a CSV and profile it, timed in-process (run under
/// <c>/usr/bin/time -v</c> for peak memory). <c>Workbench.Benchmarks data-profile FILE [--threads N] [--load-only]</c>.
/// </summary>
public static class DataProfileCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: Workbench.Benchmarks data-profile FILE [--threads N] [--load-only]");
            return 2;
        }

        var threads = args.SkipWhile(a => a != "--threads").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(Environment.ProcessorCount);
        var loadOnly = args.Contains("--load-only");
        var watch = Stopwatch.StartNew();
        var frame = CsvReader.Read(args[0], new CsvReadOptions { DegreeOfParallelism = threads });
        var loaded = watch.Elapsed.TotalSeconds;
        var afterLoad = GC.GetGCMemoryInfo();
        var loadPeak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
        var summary = $"rows={frame.RowCount} columns={frame.ColumnCount}";
        if (!loadOnly)
        {
            var profile = frame.Profile(new Workbench.Data.Profiling.ProfileOptions { DegreeOfParallelism = threads });
            summary += $" profiled={profile.Columns.Count} pearson={profile.Pearson.Names.Count} spearman={profile.Spearman?.Names.Count ?? 0}";
        }

        var total = watch.Elapsed.TotalSeconds;
        Console.WriteLine(summary);
        Console.WriteLine(FormattableString.Invariant($"threads={threads} load_s={loaded:F3} profile_s={total - loaded:F3} total_s={total:F3} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gc_pause_s={GC.GetTotalPauseDuration().TotalSeconds:F3}"));
        var info = GC.GetGCMemoryInfo();
        Console.WriteLine(FormattableString.Invariant($"load_peak_mb={loadPeak >> 20} load_heap_mb={afterLoad.HeapSizeBytes >> 20} heap_mb={info.HeapSizeBytes >> 20} committed_mb={info.TotalCommittedBytes >> 20} peak_mb={System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 >> 20}"));
        return 0;
    }
}
