namespace Workbench.Testing;

/// <summary>
/// Debian's Python peers (scikit-learn, pandas, scipy, Jupyter) used for cross-checks. Always
/// <c>/usr/bin/python3</c>: another python3 may come first on PATH without these packages.
/// The README's test command installs them when run as root; otherwise the failure says what to install.
/// </summary>
public static class PythonPeer
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs a Python script and returns its standard output; a non-zero exit fails with the script's stderr.</summary>
    public static string Run(string script, IEnumerable<string>? arguments = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException($"{Interpreter} is missing: run ./test.sh as root, or apt-get install python3 python3-sklearn python3-pandas python3-scipy.");
        }

        var result = ChildProcess.Run(Interpreter, ["-c", script, .. arguments ?? []], workingDirectory, timeout: timeout);
        if (result.ExitCode != 0)
        {
            var hint = result.StandardError.Contains("ModuleNotFoundError", StringComparison.Ordinal)
                ? "\nA Python peer package is missing: run ./test.sh as root (it installs the Debian packages), or apt-get install it."
                : string.Empty;
            throw new InvalidOperationException($"python3 exited with {result.ExitCode}:\n{result.StandardError}{hint}");
        }

        return result.StandardOutput;
    }
}
