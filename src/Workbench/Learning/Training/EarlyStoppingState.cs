using System.Globalization;
using Workbench.Learning.Layers;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Training;

/// <summary>Best value so far, its epoch, epochs without improvement, and (when restoring) a host copy of the best weights.</summary>
internal sealed class EarlyStoppingState
{
    public double Best { get; set; } = double.NaN;

    public int? BestEpoch { get; set; }

    public int Wait { get; set; }

    public IReadOnlyDictionary<string, Tensor>? BestState { get; set; }

    public void Update(EarlyStopping? rule, EpochRecord record, Module model, TrainingContext context)
    {
        if (rule is null)
        {
            return;
        }

        if (!record.Metrics.TryGetValue(rule.Monitor, out var value))
        {
            throw new InvalidOperationException(
                $"Early stopping monitors '{rule.Monitor}' but the epoch produced [{string.Join(", ", record.Metrics.Keys)}]; pass validation data or pick one of those.");
        }

        var min = rule.EffectiveMode == MonitorMode.Min;
        var improved = BestEpoch is null || (min ? value < Best - rule.MinDelta : value > Best + rule.MinDelta);
        if (improved)
        {
            Best = value;
            BestEpoch = record.Epoch;
            Wait = 0;
            if (rule.RestoreBestWeights)
            {
                BestState = model.StateDictionary().ToDictionary(p => p.Key, p => p.Value.To(Devices.Device.Cpu).Clone(), StringComparer.Ordinal);
            }

            return;
        }

        Wait++;
        if (Wait >= rule.Patience)
        {
            context.RequestStop(string.Create(
                CultureInfo.InvariantCulture,
                $"{rule.Monitor} did not improve for {rule.Patience} epochs (best {Best:G5} at epoch {BestEpoch})"));
        }
    }
}
