using Workbench.Data;
using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>Runs modules in order; backward runs them in reverse. Children are named 0, 1, 2, … like PyTorch.</summary>
public sealed class Sequential : Module, ISparseInput
{
    private readonly List<Module> _layers;

    public Sequential(params Module[] layers)
        : this(null, layers)
    {
    }

    public Sequential(Device? device, params Module[] layers)
        : base(device ?? layers.FirstOrDefault()?.Device)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [];
        foreach (var layer in layers)
        {
            Add(layer);
        }
    }

    public int Count => _layers.Count;

    public IReadOnlyList<Module> Layers => _layers;

    public Module this[int index] => _layers[index];

    protected override string Summary => "Sequential";

    public Sequential Add(Module layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!layer.Device.SharesMemoryWith(Device))
        {
            throw new ArgumentException($"Layer {_layers.Count} ({layer.GetType().Name}) is on {layer.Device.Name}; this Sequential is on {Device.Name}.", nameof(layer));
        }

        layer.Train(IsTraining);
        _layers.Add(layer);
        return this;
    }

    public override Tensor Forward(Tensor input)
    {
        var current = input;
        foreach (var layer in _layers)
        {
            current = layer.Forward(current);
        }

        return current;
    }

    /// <summary>Forward for CSR input: the first layer must accept sparse rows (a <see cref="Linear"/>).</summary>
    public Tensor ForwardSparse(SparseMatrix input)
    {
        if (_layers.Count == 0 || _layers[0] is not ISparseInput first)
        {
            throw new InvalidOperationException($"Sparse input needs a first layer that accepts CSR rows (Linear); this model starts with {(_layers.Count == 0 ? "nothing" : _layers[0].GetType().Name)}.");
        }

        var current = first.ForwardSparse(input);
        for (var i = 1; i < _layers.Count; i++)
        {
            current = _layers[i].Forward(current);
        }

        return current;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        var current = outputGradient;
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            current = _layers[i].Backward(current);
        }

        return current;
    }

    public override void Backpropagate(Tensor outputGradient)
    {
        var current = outputGradient;
        for (var i = _layers.Count - 1; i >= 1; i--)
        {
            current = _layers[i].Backward(current);
        }

        if (_layers.Count > 0)
        {
            _layers[0].Backpropagate(current);
        }
    }

    protected override IEnumerable<(string Name, Module Module)> NamedChildren() =>
        _layers.Select((layer, index) => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
}
