using System.Text;
using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>
/// A layer with an explicit backward pass. <see cref="Forward"/> caches what <see cref="Backward"/> needs;
/// <see cref="Backward"/> takes dLoss/dOutput, accumulates parameter gradients and returns dLoss/dInput.
/// Modules compose (<see cref="Sequential"/>) because each one only sees tensors in and out.
/// </summary>
/// <remarks>
/// Buffers: a module reuses its output and gradient tensors between calls to avoid allocating on every
/// minibatch, so a returned tensor is valid until that module's next <see cref="Forward"/> (or
/// <see cref="Backward"/>). <see cref="Tensor.Clone"/> it to keep it. All kernels go through
/// <see cref="Device"/>'s backend, never a concrete kernel.
/// </remarks>
public abstract class Module
{
    protected Module(Device? device)
    {
        Device = device ?? Device.Default;
    }

    public Device Device { get; }

    /// <summary>Training mode (dropout active, batch statistics) or evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    protected IComputeBackend Backend => Device.Backend;

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Count);

    public abstract Tensor Forward(Tensor input);

    /// <summary>Backpropagates through the last <see cref="Forward"/>: accumulates parameter gradients and returns the input gradient.</summary>
    public abstract Tensor Backward(Tensor outputGradient);

    /// <summary>
    /// Accumulates parameter gradients only, for callers that do not need dLoss/dInput (the Trainer): layers
    /// skip the input-gradient product where they can (the first Linear of a network saves a whole GEMM).
    /// </summary>
    public virtual void Backpropagate(Tensor outputGradient) => Backward(outputGradient);

    /// <summary>Sets training mode here and in every child.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in NamedChildren())
        {
            child.Train(training);
        }

        return this;
    }

    public Module Eval() => Train(false);

    /// <summary>Every parameter of this module and its children, in a stable order.</summary>
    public IReadOnlyList<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter).ToArray();

    /// <summary>Parameters with dotted paths, PyTorch style: <c>0.weight</c>, <c>2.bias</c>.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters()
    {
        var result = new List<(string, Parameter)>();
        foreach (var parameter in OwnParameters())
        {
            result.Add((parameter.Name, parameter));
        }

        foreach (var (childName, child) in NamedChildren())
        {
            result.AddRange(child.NamedParameters().Select(p => ($"{childName}.{p.Name}", p.Parameter)));
        }

        return result;
    }

    /// <summary>Non-trainable state that a saved model needs (running statistics), with dotted paths.</summary>
    public IReadOnlyList<(string Name, Tensor Buffer)> NamedBuffers()
    {
        var result = OwnBuffers().ToList();
        foreach (var (childName, child) in NamedChildren())
        {
            result.AddRange(child.NamedBuffers().Select(b => ($"{childName}.{b.Name}", b.Buffer)));
        }

        return result;
    }

    /// <summary>Integer state that exact resumption needs (dropout draw counters, batches seen), with dotted paths.</summary>
    public IReadOnlyList<(string Name, long Value)> NamedCounters()
    {
        var result = OwnCounters().ToList();
        foreach (var (childName, child) in NamedChildren())
        {
            result.AddRange(child.NamedCounters().Select(c => ($"{childName}.{c.Name}", c.Value)));
        }

        return result;
    }

    /// <summary>Restores counters saved by <see cref="NamedCounters"/>; unknown names fail.</summary>
    public void LoadCounters(IReadOnlyDictionary<string, long> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        foreach (var (name, value) in counters)
        {
            SetCounter(name, value);
        }
    }

    /// <summary>Parameters and buffers by name: what persistence and checkpoints save.</summary>
    public IReadOnlyDictionary<string, Tensor> StateDictionary()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, parameter) in NamedParameters())
        {
            state.Add(name, parameter.Value);
        }

        foreach (var (name, buffer) in NamedBuffers())
        {
            state.Add(name, buffer);
        }

        return state;
    }

    /// <summary>Copies saved values into parameters and buffers; every name must match with the same shape.</summary>
    public void LoadStateDictionary(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDictionary();
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToArray();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
        {
            throw new ArgumentException(
                $"State does not match the model: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}].", nameof(state));
        }

        foreach (var (name, target) in own)
        {
            var source = state[name];
            if (!source.HasShape([.. target.Shape]))
            {
                throw new ArgumentException($"'{name}' has shape {TensorShape.Format(source.ShapeArray)} in the state but {TensorShape.Format(target.ShapeArray)} in the model.", nameof(state));
            }

            target.CopyFrom(source.To(Device));
        }
    }

    public void ZeroGradients()
    {
        foreach (var parameter in Parameters())
        {
            parameter.ZeroGradient();
        }
    }

    /// <summary>A PyTorch-style printout: one line per module, nested.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Describe(builder, string.Empty);
        return builder.ToString().TrimEnd();
    }

    /// <summary>This module's own line, for example <c>Linear(in=64, out=128)</c>.</summary>
    protected abstract string Summary { get; }

    protected virtual IEnumerable<(string Name, Module Module)> NamedChildren() => [];

    protected virtual IEnumerable<Parameter> OwnParameters() => [];

    protected virtual IEnumerable<(string Name, Tensor Buffer)> OwnBuffers() => [];

    protected virtual IEnumerable<(string Name, long Value)> OwnCounters() => [];

    /// <summary>Restores one of <see cref="OwnCounters"/>.</summary>
    protected virtual void SetOwnCounter(string name, long value) =>
        throw new ArgumentException($"{GetType().Name} has no counter '{name}'.", nameof(name));

    /// <summary>A [rows, columns] tensor over reusable storage: grown when too small, otherwise reused.</summary>
    protected Tensor Workspace(ref TensorStorage? slot, params int[] shape)
    {
        var count = TensorShape.CountOf(shape);
        if (slot is null || slot.Length < count)
        {
            slot = Backend.Allocate(count);
        }

        return new Tensor(slot, 0, shape, TensorShape.RowMajorStrides(shape));
    }

    /// <summary>Fails clearly when an input is not [N, <paramref name="features"/>].</summary>
    protected static void RequireFeatures(Tensor input, int features, string layer)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Columns != features)
        {
            throw new ArgumentException($"{layer} expects input of shape [N, {features}]; got {TensorShape.Format(input.ShapeArray)}.", nameof(input));
        }
    }

    /// <summary>Fails clearly when <see cref="Backward"/> comes without a matching <see cref="Forward"/>.</summary>
    protected static T RequireForward<T>(T? cached, string layer)
        where T : class =>
        cached ?? throw new InvalidOperationException($"{layer}.Backward was called before Forward.");

    private void SetCounter(string path, long value)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            SetOwnCounter(path, value);
            return;
        }

        var childName = path[..dot];
        var child = NamedChildren().FirstOrDefault(c => c.Name == childName).Module
            ?? throw new ArgumentException($"{GetType().Name} has no child '{childName}' (counter '{path}').", nameof(path));
        child.SetCounter(path[(dot + 1)..], value);
    }

    private void Describe(StringBuilder builder, string indent)
    {
        var children = NamedChildren().ToArray();
        if (children.Length == 0)
        {
            builder.Append(Summary).Append('\n');
            return;
        }

        builder.Append(Summary).Append("(\n");
        foreach (var (name, child) in children)
        {
            builder.Append(indent).Append("  (").Append(name).Append("): ");
            child.Describe(builder, indent + "  ");
        }

        builder.Append(indent).Append(")\n");
    }
}
