using BenchmarkDotNet.Running;

namespace Workbench.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites in this assembly: <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
