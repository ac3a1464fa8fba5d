using System.Diagnostics;
using System.Globalization;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Features;

namespace Workbench.Benchmarks.Features;

/// <summary>
/// The Workbench side of benchmarks/features: load the data benchmark's CSV, then FitTransform and Transform it with
/// the same pipeline as <c>sklearn_side.py</c>'s ColumnTransformer, timed in-process.
/// <c>Workbench.Benchmarks features-pipeline FILE [--threads N]</c>.
/// </summary>
public static class FeaturePipelineCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: Workbench.Benchmarks features-pipeline FILE [--threads N]");
            return 2;
        }

        var threads = args.SkipWhile(a => a != "--threads").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(Environment.ProcessorCount);
        var watch = Stopwatch.StartNew();
        var frame = CsvReader.Read(args[0], new CsvReadOptions { DegreeOfParallelism = threads });
        var loaded = watch.Elapsed.TotalSeconds;

        var pipeline = Pipeline(threads);
        var fitted = pipeline.FitTransform(frame);
        var fitTransform = watch.Elapsed.TotalSeconds - loaded;
        var transformed = pipeline.Transform(frame);
        var transform = watch.Elapsed.TotalSeconds - loaded - fitTransform;

        Console.WriteLine(FormattableString.Invariant($"shape={fitted.Rows}x{fitted.Columns} sum={Sum(fitted):R} transform_sum={Sum(transformed):R}"));
        Console.WriteLine(FormattableString.Invariant($"threads={threads} load_s={loaded:F3} fit_transform_s={fitTransform:F3} transform_s={transform:F3} total_s={fitTransform + transform:F3}"));
        Console.WriteLine(FormattableString.Invariant($"peak_mb={Process.GetCurrentProcess().PeakWorkingSet64 >> 20}"));
        return 0;
    }

    /// <summary>The pipeline of the comparison; sklearn_side.py builds the same ColumnTransformer.</summary>
    public static FeaturePipeline Pipeline(int threads)
    {
        var floats = Enumerable.Range(0, 18).Select(i => $"f{i:00}").ToArray();
        return new FeaturePipeline { Output = MatrixOutput.Dense, Remainder = RemainderPolicy.Passthrough, MaxDegreeOfParallelism = threads }
            .Add("numeric", ColumnSelector.Names(floats), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
            .Add("counts", ColumnSelector.Names("visits", "stay_days", "score", "year", "dose_mg"), new MinMaxScaler())
            .Add("age", "age", new KBinsDiscretizer(5, BinStrategy.Quantile, BinEncoding.OneHot))
            .Add("categorical", ColumnSelector.Names("sex", "smoker", "department", "insurance", "site"),
                new SimpleImputer(ImputeStrategy.MostFrequent), new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore });
    }

    private static double Sum(FeatureMatrix matrix)
    {
        var sum = 0.0;
        foreach (var value in matrix.Dense!.Values)
        {
            sum += value;
        }

        return sum;
    }
}
