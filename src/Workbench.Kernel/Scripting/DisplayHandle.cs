using Workbench.Kernel.Execution;

namespace Workbench.Kernel.Scripting;

/// <summary>
/// An output that can be replaced later (Jupyter's display id): <c>var h = display("starting"); ...; h.Update("done");</c>.
/// Updating from a later cell, or from a background task, replaces the original output wherever it is.
/// </summary>
public sealed class DisplayHandle
{
    private readonly CellScope _origin;

    internal DisplayHandle(string displayId, CellScope origin)
    {
        DisplayId = displayId;
        _origin = origin;
    }

    public string DisplayId { get; }

    /// <summary>Replaces the displayed output with <paramref name="value"/>, formatted like <c>display()</c> would.</summary>
    public void Update(object? value, params string[] mimeTypes)
    {
        var scope = CellScope.Current ?? _origin;
        scope.UpdateDisplay(scope.Format(value, mimeTypes, DisplayId));
    }

    public override string ToString() => $"display {DisplayId}";
}
