using BenchmarkDotNet.Running;
using Workbench.Benchmarks.Data;

namespace Workbench.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites in this assembly: <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'</c>;
/// <c>-- tracking throughput|overhead|training</c> runs the tracking harness (see benchmarks/tracking/README.md);
/// <c>-- data-profile FILE</c> runs the Workbench side of benchmarks/data;
/// <c>-- features-pipeline FILE</c> runs the Workbench side of benchmarks/features;
/// <c>-- monitoring-report REFERENCE CURRENT</c> runs the Workbench side of benchmarks/monitoring;
/// <c>-- serving-model CSV OUTDIR</c> trains, registers and exports the model benchmarks/serving serves;
/// <c>-- serving-path MODEL BODY.csv [SECONDS]</c> times each stage of a request outside HTTP;
/// <c>-- json-frame PATIENTS.csv [ROWS] [SECONDS]</c> times reading CSV and JSON requests for a model with categorical columns.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "tracking")
        {
            Environment.Exit(Tracking.TrackingBenchmark.Run(args));
        }

        if (args.Length > 0 && args[0] == "features-pipeline")
        {
            return Features.FeaturePipelineCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "monitoring-report")
        {
            return Monitoring.MonitoringReportCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "serving-model")
        {
            return Serving.ServingModelCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "serving-path")
        {
            return Serving.ServingPathCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "json-frame")
        {
            return Serving.JsonFrameCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "data-profile")
        {
            return DataProfileCommand.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
