using BenchmarkDotNet.Running;

namespace Workbench.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites in this assembly: <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'</c>;
/// or one side of a side-by-side comparison script: <c>-- data-profile FILE</c> (benchmarks/data),
/// <c>-- tracking throughput|overhead</c> (benchmarks/tracking).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "data-profile")
        {
            return Data.DataProfileCommand.Run(args[1..]);
        }

        if (args.Length > 1 && args[0] == "tracking")
        {
            return Tracking.TrackingBenchmark.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
