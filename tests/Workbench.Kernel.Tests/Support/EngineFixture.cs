using Workbench.Kernel.Execution;

namespace Workbench.Kernel.Tests.Support;

/// <summary>Helpers to run cells in a fresh engine.</summary>
public static class Cells
{
    public static async Task<(CellResult Result, RecordingSink Sink)> RunAsync(ExecutionEngine engine, string code, CellOptions? options = null)
    {
        var sink = new RecordingSink();
        var result = await engine.ExecuteAsync(code, sink, options);
        return (result, sink);
    }

    public static string Plain(this DisplayOutput output) => output.Data["text/plain"];
}
