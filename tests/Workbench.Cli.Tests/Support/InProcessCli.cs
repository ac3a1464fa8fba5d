using System.CommandLine;

namespace Workbench.Cli.Tests.Support;

/// <summary>
/// Runs the CLI's real command tree in this process with captured output: faster than a child process, for
/// commands whose behaviour does not depend on being a separate process (exit codes, printed text, files written).
/// </summary>
public static class InProcessCli
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
