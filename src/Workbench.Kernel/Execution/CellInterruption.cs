using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Workbench.Kernel.Execution;

/// <summary>
/// The cancellation check the engine writes into every loop body and every method, local function, accessor and
/// lambda body of a cell (see <see cref="InterruptionPoints"/>). Costs one volatile read while no cell is stopping.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellInterruption
{
    /// <summary>Fully qualified call inserted at the top of loop bodies.</summary>
    internal const string CallText = "global::Workbench.Kernel.Execution.CellInterruption.Check();";

    /// <summary>Fully qualified call inserted at the top of method, accessor and lambda bodies.</summary>
    internal const string EnterText = "global::Workbench.Kernel.Execution.CellInterruption.Enter();";

    private static int _stopping;

    /// <summary>Throws <see cref="CellInterruptedException"/> when the cell running this code was interrupted or timed out.</summary>
    public static void Check()
    {
        if (Volatile.Read(ref _stopping) != 0)
        {
            CheckScope();
        }
    }

    /// <summary>
    /// <see cref="Check"/>, plus a stack guard: runaway recursion ends in a catchable
    /// <see cref="InsufficientExecutionStackException"/> (a cell error) instead of a stack overflow that kills the process.
    /// </summary>
    public static void Enter()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        Check();
    }

    internal static void BeginStopping() => Interlocked.Increment(ref _stopping);

    internal static void EndStopping() => Interlocked.Decrement(ref _stopping);

    private static void CheckScope()
    {
        if (CellScope.Current is { Token.IsCancellationRequested: true } scope)
        {
            throw scope.StoppedException();
        }
    }
}
