using System.Runtime.InteropServices;
using System.Text;
using Workbench.Features.Persistence;

namespace Workbench.SageMaker.Container;

/// <summary>
/// The training container's entrypoint (<c>workbench train</c>): reads the SageMaker contract, trains, writes
/// <c>/opt/ml/model</c>, and on failure writes the reason to <c>/opt/ml/output/failure</c> (SageMaker's
/// <c>FailureReason</c>) and exits non-zero. SIGTERM (StopTrainingJob) ends training after the current epoch and
/// the model so far is still written, as SageMaker keeps a stopped job's artifacts.
/// </summary>
public static class TrainingEntrypoint
{
    /// <summary>The job could not run as configured: a bad hyperparameter, channel, file or row.</summary>
    public const int ConfigurationError = 1;

    /// <summary>Anything else (a bug, out of memory, a disk error).</summary>
    public const int InternalError = 2;

    public static int Run(OptMlLayout layout, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            error.WriteLine("SIGTERM received: stopping after the current epoch.");
            stop.Cancel();
        });
        return Run(layout, output, error, stop.Token);
    }

    public static int Run(OptMlLayout layout, TextWriter output, TextWriter error, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(layout);
        try
        {
            var environment = TrainingEnvironment.Load(layout);
            output.WriteLine($"workbench train: host {environment.CurrentHost} of {environment.Hosts.Count}, {environment.NumCpus} CPU(s), {environment.NumGpus} GPU(s), root {layout.Root}");
            output.WriteLine($"hyperparameters: {string.Join(", ", environment.Hyperparameters.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"))}");
            output.WriteLine($"channels: {string.Join(", ", environment.Channels.Values.Select(c => $"{c.Name} ({c.ContentType ?? "type not set"})"))}");
            var settings = TabularTrainingSettings.Parse(environment.Hyperparameters);
            var outcome = new TabularTrainingJob(environment, settings, output).Run(stop);
            output.WriteLine(outcome.StoppedEarly ? "training stopped on request; model saved" : "training complete");
            output.Flush();
            return 0;
        }
        catch (Exception e) when (e is TrainingContainerException or DocumentFormatException or ArgumentException or InvalidOperationException or FormatException)
        {
            return Fail(layout, error, e.Message, ConfigurationError);
        }
        catch (Exception e)
        {
            return Fail(layout, error, $"{e.GetType().Name}: {e.Message}", InternalError);
        }
    }

    private static int Fail(OptMlLayout layout, TextWriter error, string reason, int code)
    {
        var text = FailureReason.Limit(reason);
        error.WriteLine($"workbench train failed: {text}");
        error.Flush();
        try
        {
            Directory.CreateDirectory(layout.Output);
            var temp = layout.FailureFile + ".part";
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, layout.FailureFile, overwrite: true);
        }
        catch (IOException e)
        {
            error.WriteLine($"could not write {layout.FailureFile}: {e.Message}");
        }

        return code;
    }
}
