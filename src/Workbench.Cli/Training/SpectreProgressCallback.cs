using System.Globalization;
using Spectre.Console;
using Workbench.Learning.Training;

namespace Workbench.Cli.Training;

/// <summary>
/// Shows a Trainer run in the terminal: an epoch bar and a batch bar with the running loss, and each finished
/// epoch's metrics. Use <see cref="SpectreTraining.Fit"/>, which owns the Spectre progress display.
/// </summary>
public sealed class SpectreProgressCallback(ProgressContext context, IAnsiConsole console) : TrainingCallback
{
    private ProgressTask? _epochs;
    private ProgressTask? _batches;

    public override void OnTrainBegin(TrainingContext training)
    {
        _epochs = context.AddTask("epochs", maxValue: training.TotalEpochs);
        _epochs.Value = training.History.CurrentEpoch;
        _batches = context.AddTask("batches", maxValue: training.BatchesPerEpoch);
    }

    public override void OnEpochBegin(TrainingContext training, int epoch)
    {
        _batches!.Value = 0;
        _batches.Description = $"epoch {epoch}/{training.TotalEpochs}";
    }

    public override void OnBatchEnd(TrainingContext training, BatchProgress batch)
    {
        _batches!.Value = batch.Batch;
        _batches.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {batch.Epoch}/{training.TotalEpochs} loss {batch.Loss:F4}");
    }

    public override void OnEpochEnd(TrainingContext training, EpochRecord epoch)
    {
        _epochs!.Value = epoch.Epoch;
        var metrics = string.Join("  ", epoch.Metrics.Where(m => m.Key != "lr").Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:G5}")));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]epoch {epoch.Epoch,3}[/]  {Markup.Escape(metrics)}  [grey]{epoch.SamplesPerSecond:N0} samples/s[/]"));
    }

    public override void OnTrainEnd(TrainingContext training, TrainingSummary summary)
    {
        _batches?.StopTask();
        _epochs?.StopTask();
    }
}

/// <summary>Runs a Trainer under a Spectre progress display and prints a summary table at the end.</summary>
public static class SpectreTraining
{
    public static TrainingSummary Fit(Trainer trainer, TrainingData train, TrainingData? validation = null, string? resumeFrom = null, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var terminal = console ?? AnsiConsole.Console;
        terminal.MarkupLine($"[bold]training[/] on {Markup.Escape(trainer.Model.Device.Description)}");
        TrainingSummary? summary = null;
        terminal.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var callback = new SpectreProgressCallback(context, terminal);
                trainer.Callbacks.Add(callback);
                try
                {
                    summary = trainer.Fit(train, validation, resumeFrom, cancellationToken);
                }
                finally
                {
                    trainer.Callbacks.Remove(callback);
                }
            });

        var table = new Table().AddColumn("status").AddColumn("epochs").AddColumn("best").AddColumn("samples/s").AddColumn("elapsed");
        table.AddRow(
            summary!.Status.ToString(),
            summary.EpochsRun.ToString(CultureInfo.InvariantCulture),
            summary.BestEpoch is { } best ? string.Create(CultureInfo.InvariantCulture, $"{summary.Monitor} {summary.BestValue:G5} @ {best}") : "-",
            summary.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            summary.Elapsed.ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture));
        terminal.Write(table);
        if (summary.StopReason is not null)
        {
            terminal.MarkupLine($"[grey]{Markup.Escape(summary.StopReason)}[/]");
        }

        return summary;
    }
}
