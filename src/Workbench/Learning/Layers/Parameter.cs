using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>A trainable tensor and its gradient (same shape and device). Backward passes accumulate into <see cref="Gradient"/>.</summary>
public sealed class Parameter
{
    public Parameter(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = Tensor.ZerosLike(value);
    }

    /// <summary>The name within its module (<c>weight</c>, <c>bias</c>); <see cref="Module.NamedParameters"/> adds the path.</summary>
    public string Name { get; }

    public Tensor Value { get; }

    public Tensor Gradient { get; }

    /// <summary>False freezes the parameter: optimizers skip it.</summary>
    public bool RequiresGradient { get; set; } = true;

    /// <summary>
    /// False exempts this parameter from the optimizer's weight decay (biases and normalisation scales, as
    /// scikit-learn's MLP and most recipes do); a PyTorch-style parameter group in one flag.
    /// </summary>
    public bool WeightDecay { get; set; } = true;

    public int Count => Value.Count;

    public void ZeroGradient() => Gradient.Fill(0f);

    public override string ToString() => $"{Name} {TensorShape.Format(Value.ShapeArray)}";
}
