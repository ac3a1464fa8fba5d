using System.Runtime.InteropServices;

namespace Workbench.Kernel.Packages;

/// <summary>This machine's runtime identifiers, most specific first (linux-x64, linux, unix, any), for picking native assets.</summary>
internal static class RuntimeIds
{
    public static IReadOnlyList<string> Fallbacks { get; } = Compute();

    private static string[] Compute()
    {
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsWindows())
        {
            return [$"win-{arch}", "win", "any"];
        }

        if (OperatingSystem.IsMacOS())
        {
            return [$"osx-{arch}", "osx", "unix", "any"];
        }

        var musl = Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*").Any();
        return musl
            ? [$"linux-musl-{arch}", "linux-musl", $"linux-{arch}", "linux", "unix", "any"]
            : [$"linux-{arch}", "linux", "unix", "any"];
    }
}
