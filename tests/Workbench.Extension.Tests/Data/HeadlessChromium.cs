using Workbench.Testing;

namespace Workbench.Extension.Tests.Data;

/// <summary>Loads an HTML page in Debian's headless chromium and returns the DOM after its scripts ran.</summary>
internal static class HeadlessChromium
{
    private const string Executable = "/usr/bin/chromium";

    public static string DumpDom(string htmlPath)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run ./test.sh as root, or apt-get install chromium.");
        }

        var result = ChildProcess.Run(
            Executable,
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=5000", "--dump-dom", new Uri(htmlPath).AbsoluteUri],
            timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"chromium exited with {result.ExitCode}:\n{result.StandardError}");
        }

        return result.StandardOutput;
    }
}
