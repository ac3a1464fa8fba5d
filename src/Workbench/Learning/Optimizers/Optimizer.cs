using Workbench.Learning.Layers;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Optimizers;

/// <summary>
/// Updates parameters from their accumulated gradients. <see cref="LearningRate"/> is what schedules change;
/// <see cref="GetState"/> / <see cref="LoadState"/> capture everything an exact resume needs (moments, steps).
/// </summary>
public abstract class Optimizer
{
    private double _learningRate;

    protected Optimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0)
        {
            throw new ArgumentException("The optimizer got no parameters.", nameof(parameters));
        }

        LearningRate = learningRate;
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite, non-negative number.");
    }

    /// <summary>Updates applied so far.</summary>
    public long Steps { get; protected set; }

    /// <summary>A short description for logs, for example <c>Adam(lr=0.001)</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Applies one update to every parameter that requires a gradient.</summary>
    public void Step()
    {
        Steps++;
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].RequiresGradient)
            {
                Update(i, Parameters[i]);
            }
        }
    }

    public void ZeroGradients()
    {
        foreach (var parameter in Parameters)
        {
            parameter.ZeroGradient();
        }
    }

    /// <summary>Optimizer state by name (per-parameter tensors are named <c>{index}.{slot}</c>) plus step count and learning rate.</summary>
    public OptimizerState GetState()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < Parameters.Count; i++)
        {
            foreach (var (slot, tensor) in Slots(i))
            {
                tensors[$"{i}.{slot}"] = tensor;
            }
        }

        return new OptimizerState(Name, Steps, LearningRate, tensors);
    }

    /// <summary>Restores state saved by <see cref="GetState"/> from an optimizer of the same kind over the same parameters.</summary>
    public void LoadState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Steps = state.Steps;
        LearningRate = state.LearningRate;
        for (var i = 0; i < Parameters.Count; i++)
        {
            foreach (var (slot, tensor) in Slots(i))
            {
                var key = $"{i}.{slot}";
                if (!state.Tensors.TryGetValue(key, out var saved))
                {
                    throw new ArgumentException($"The saved optimizer state has no '{key}' (saved by {state.Optimizer}, loading into {Name}).", nameof(state));
                }

                tensor.CopyFrom(saved.To(tensor.Device));
            }
        }
    }

    protected abstract void Update(int index, Parameter parameter);

    /// <summary>The state tensors kept for parameter <paramref name="index"/>.</summary>
    protected abstract IEnumerable<(string Slot, Tensor Tensor)> Slots(int index);

    protected static string Format(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A snapshot of an optimizer: its kind, steps taken, learning rate and named state tensors.</summary>
public sealed record OptimizerState(string Optimizer, long Steps, double LearningRate, IReadOnlyDictionary<string, Tensor> Tensors);
