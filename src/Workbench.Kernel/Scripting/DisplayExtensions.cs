using Workbench.Kernel.Execution;

namespace Workbench.Kernel.Scripting;

/// <summary><c>value.Display()</c>: the extension-method form of <c>display(value)</c>.</summary>
public static class DisplayExtensions
{
    public static DisplayHandle Display(this object? value, params string[] mimeTypes) => Show(value, mimeTypes);

    internal static DisplayHandle Show(object? value, string[] mimeTypes)
    {
        var scope = ScriptGlobals.RunningCell();
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"), scope);
        scope.Display(scope.Format(value, mimeTypes, handle.DisplayId));
        return handle;
    }
}
