using System.Text;
using Workbench.Learning.Devices;

namespace Workbench.Learning.Tensors;

/// <summary>
/// A float32 dense tensor: storage on a <see cref="Devices.Device"/>, an element offset, a shape and strides
/// (in elements). Views (reshape of contiguous data, transpose, permute, narrow, select, expand) share storage
/// and never copy; <see cref="Contiguous"/> copies only when the layout needs it.
/// </summary>
/// <remarks>
/// Shapes are row-major by default. Arithmetic goes through <see cref="Device"/>'s backend, so the same code
/// runs wherever the tensor lives. Element access (<see cref="this[int[]]"/>, <see cref="AsSpan"/>) is for
/// host tensors.
/// </remarks>
public sealed partial class Tensor
{
    private readonly int[] _shape;
    private readonly int[] _strides;

    internal Tensor(TensorStorage storage, int offset, int[] shape, int[] strides)
    {
        Storage = storage;
        Offset = offset;
        _shape = shape;
        _strides = strides;
        Count = TensorShape.CountOf(shape);
    }

    public TensorStorage Storage { get; }

    public Device Device => Storage.Device;

    /// <summary>Index of element [0, 0, ...] in <see cref="Storage"/>.</summary>
    public int Offset { get; }

    public int Rank => _shape.Length;

    public IReadOnlyList<int> Shape => Array.AsReadOnly(_shape);

    /// <summary>Element strides per dimension (0 for a broadcast dimension).</summary>
    public IReadOnlyList<int> Strides => Array.AsReadOnly(_strides);

    /// <summary>Number of elements.</summary>
    public int Count { get; }

    /// <summary>Rows of a 2-D tensor (dimension 0).</summary>
    public int Rows => Rank >= 1 ? _shape[0] : 1;

    /// <summary>Columns of a 2-D tensor (the last dimension).</summary>
    public int Columns => Rank >= 1 ? _shape[^1] : 1;

    /// <summary>Row-major and dense: element i is at <c>Offset + i</c>.</summary>
    public bool IsContiguous => TensorShape.IsContiguous(_shape, _strides);

    internal int[] ShapeArray => _shape;

    internal int[] StrideArray => _strides;

    /// <summary>Size of dimension <paramref name="dimension"/>; negative counts from the end, like PyTorch.</summary>
    public int Size(int dimension) => _shape[NormalizeDimension(dimension)];

    public int Stride(int dimension) => _strides[NormalizeDimension(dimension)];

    public bool HasShape(params int[] shape) => _shape.AsSpan().SequenceEqual(shape);

    /// <summary>The elements of a contiguous host tensor, writable. Views that are not contiguous must call <see cref="Contiguous"/> first.</summary>
    public Span<float> AsSpan()
    {
        if (Storage is not CpuStorage cpu)
        {
            throw new InvalidOperationException($"AsSpan needs a host tensor; this one is on {Device.Name}. Call ToArray() or To(Device.Cpu).");
        }

        if (!IsContiguous)
        {
            throw new InvalidOperationException($"AsSpan needs a contiguous tensor; this {TensorShape.Format(_shape)} view has strides {TensorShape.Format(_strides)}. Call Contiguous() first.");
        }

        return cpu.Data.AsSpan(Offset, Count);
    }

    /// <summary>Reads or writes one element of a host tensor.</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] indices]
    {
        get => HostData()[ElementOffset(indices)];
        set => HostData()[ElementOffset(indices)] = value;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item()
    {
        if (Count != 1)
        {
            throw new InvalidOperationException($"Item() needs a one-element tensor; this one has shape {TensorShape.Format(_shape)}.");
        }

        var value = new float[1];
        Device.Backend.Download(this, value);
        return value[0];
    }

    /// <summary>A row-major copy of the elements, on the host.</summary>
    public float[] ToArray()
    {
        var values = new float[Count];
        Device.Backend.Download(this, values);
        return values;
    }

    /// <summary>A 2-D copy as <c>float[rows, columns]</c>, convenient in notebooks.</summary>
    public float[,] ToArray2D()
    {
        if (Rank != 2)
        {
            throw new InvalidOperationException($"ToArray2D needs a 2-D tensor; this one has shape {TensorShape.Format(_shape)}.");
        }

        var flat = ToArray();
        var result = new float[_shape[0], _shape[1]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }

    /// <summary>This tensor on <paramref name="device"/> (itself when already there).</summary>
    public Tensor To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.SharesMemoryWith(Device) ? this : FromArray(device, ToArray(), _shape);
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append("Tensor").Append(TensorShape.Format(_shape)).Append(" on ").Append(Device.Name);
        if (Count <= 64)
        {
            builder.Append(": [");
            var values = ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(Rank >= 2 && i % _shape[^1] == 0 ? "; " : ", ");
                }

                builder.Append(values[i].ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
            }

            builder.Append(']');
        }

        return builder.ToString();
    }

    internal int NormalizeDimension(int dimension)
    {
        var normalized = dimension < 0 ? dimension + Rank : dimension;
        if (normalized < 0 || normalized >= Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"Dimension out of range for a tensor of rank {Rank}.");
        }

        return normalized;
    }

    private float[] HostData() => Storage is CpuStorage cpu
        ? cpu.Data
        : throw new InvalidOperationException($"Element access needs a host tensor; this one is on {Device.Name}. Call To(Device.Cpu) first.");

    private int ElementOffset(int[] indices)
    {
        if (indices.Length != Rank)
        {
            throw new ArgumentException($"{indices.Length} indices for a tensor of rank {Rank}.", nameof(indices));
        }

        var offset = Offset;
        for (var d = 0; d < indices.Length; d++)
        {
            var index = indices[d] < 0 ? indices[d] + _shape[d] : indices[d];
            if (index < 0 || index >= _shape[d])
            {
                throw new IndexOutOfRangeException($"Index {indices[d]} is out of range for dimension {d} of size {_shape[d]}.");
            }

            offset += index * _strides[d];
        }

        return offset;
    }
}
