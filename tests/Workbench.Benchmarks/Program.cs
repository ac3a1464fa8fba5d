using BenchmarkDotNet.Running;

namespace Workbench.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites in this assembly: <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'</c>;
/// <c>-- tracking throughput|overhead</c> runs the tracking harness (see benchmarks/tracking/README.md).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "tracking")
        {
            Environment.Exit(Tracking.TrackingBenchmark.Run(args));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
