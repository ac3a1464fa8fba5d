using System.Globalization;
using Workbench.Data.Plots;
using Workbench.Extension.Html;
using Workbench.Learning.Training;

namespace Workbench.Extension.Learning;

/// <summary>Learning curves of a training run (Plotly JSON).</summary>
public sealed class TrainingHistoryFormatter : LearningFigureFormatter<TrainingHistory>
{
    protected override Figure ToFigure(TrainingHistory value) => value.ToFigure();
}

/// <summary>
/// A training run at a glance, meant to be displayed once and updated in place as the run progresses: a status
/// badge, device, epoch and batch progress, the best epoch, learning curves, and the latest epoch's metrics.
/// </summary>
public sealed class TrainingHistoryHtmlFormatter : HtmlFormatter<TrainingHistory>
{
    protected override bool Format(TrainingHistory value, TextWriter writer)
    {
        var epochs = value.Epochs;
        Styles.WriteContainer(writer, w =>
        {
            var (badge, css) = value.Status switch
            {
                TrainingStatus.Running => ("running", "wb-warn"),
                TrainingStatus.Completed => ("completed", "wb-good"),
                TrainingStatus.StoppedEarly => ("stopped early", "wb-good"),
                TrainingStatus.Failed => ("failed", "wb-bad"),
                TrainingStatus.Cancelled => ("cancelled", "wb-bad"),
                _ => ("not started", "wb-muted"),
            };
            w.Write($"<div class=\"wb-training\"><strong>{HtmlText.Encode(value.Title)}</strong> <span class=\"wb-badge {css}\">{badge}</span> ");
            w.Write(string.Create(CultureInfo.InvariantCulture, $"epoch {value.CurrentEpoch}/{value.TotalEpochs}"));
            if (value.Status == TrainingStatus.Running && value.BatchesPerEpoch > 0)
            {
                var percent = 100 * value.CurrentBatch / value.BatchesPerEpoch;
                w.Write(string.Create(CultureInfo.InvariantCulture, $", batch {value.CurrentBatch}/{value.BatchesPerEpoch} <progress max=\"100\" value=\"{percent}\"></progress>"));
            }

            if (value.LastBatchLoss is { } loss && value.Status == TrainingStatus.Running)
            {
                w.Write($", batch loss {HtmlText.Number(Math.Round(loss, 5))}");
            }

            if (value.BestEpoch is { } best)
            {
                w.Write(string.Create(CultureInfo.InvariantCulture, $", best {HtmlText.Encode(value.Monitor)} {HtmlText.Number(Math.Round(value.BestValue ?? double.NaN, 5))} at epoch {best}"));
            }

            if (epochs.Count > 0)
            {
                w.Write($", {HtmlText.Number(Math.Round(epochs[^1].SamplesPerSecond))} samples/s");
            }

            w.Write("</div>");
            if (value.Device is not null)
            {
                w.Write($"<div class=\"wb-muted\">{HtmlText.Encode(value.Device)}</div>");
            }

            if (value.Message is not null)
            {
                w.Write($"<div class=\"{(value.Status == TrainingStatus.Failed ? "wb-bad" : "wb-muted")}\">{HtmlText.Encode(value.Message)}</div>");
            }

            if (epochs.Count == 0)
            {
                return;
            }

            var figure = value.ToFigure();
            Session.Plotly.Write(w, figure.ToJson(), 360);
            var last = epochs[^1];
            var table = new HtmlTable { Caption = $"epoch {last.Epoch.ToString(CultureInfo.InvariantCulture)}" }.Header([.. last.Metrics.Keys]);
            table.Row([.. last.Metrics.Values.Select(v => HtmlText.Number(Math.Round(v, 6)))]);
            table.WriteTo(w);
        });
        return true;
    }
}
