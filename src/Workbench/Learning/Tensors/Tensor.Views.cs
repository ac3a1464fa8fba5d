namespace Workbench.Learning.Tensors;

public sealed partial class Tensor
{
    /// <summary>The transpose of a 2-D tensor, as a view.</summary>
    public Tensor T => Rank == 2
        ? Transpose(0, 1)
        : throw new InvalidOperationException($"T needs a 2-D tensor; use Permute for shape {TensorShape.Format(_shape)}.");

    /// <summary>The same elements with another shape (one size may be -1): a view when contiguous, else a copy.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var resolved = TensorShape.Resolve(shape, Count);
        var source = IsContiguous ? this : Contiguous();
        return new Tensor(source.Storage, source.Offset, resolved, TensorShape.RowMajorStrides(resolved));
    }

    /// <summary>Like <see cref="Reshape"/> but never copies: fails on a non-contiguous tensor.</summary>
    public Tensor View(params int[] shape)
    {
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"View needs a contiguous tensor; this {TensorShape.Format(_shape)} view has strides {TensorShape.Format(_strides)}. Use Reshape, which copies.");
        }

        return Reshape(shape);
    }

    public Tensor Flatten() => Reshape(-1);

    public Tensor Transpose(int first, int second)
    {
        var order = Enumerable.Range(0, Rank).ToArray();
        (order[NormalizeDimension(first)], order[NormalizeDimension(second)]) = (order[NormalizeDimension(second)], order[NormalizeDimension(first)]);
        return Permute(order);
    }

    /// <summary>Reorders dimensions: result dimension i is this tensor's dimension <c>order[i]</c>.</summary>
    public Tensor Permute(params int[] order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Length != Rank || order.Select(NormalizeDimension).Distinct().Count() != Rank)
        {
            throw new ArgumentException($"Permute needs each of the {Rank} dimensions once; got {TensorShape.Format(order)}.", nameof(order));
        }

        var shape = new int[Rank];
        var strides = new int[Rank];
        for (var i = 0; i < Rank; i++)
        {
            var source = NormalizeDimension(order[i]);
            shape[i] = _shape[source];
            strides[i] = _strides[source];
        }

        return new Tensor(Storage, Offset, shape, strides);
    }

    /// <summary><paramref name="length"/> entries of <paramref name="dimension"/> starting at <paramref name="start"/>, as a view.</summary>
    public Tensor Narrow(int dimension, int start, int length)
    {
        var d = NormalizeDimension(dimension);
        if (start < 0 || length < 0 || start + length > _shape[d])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow({dimension}, {start}, {length}) is outside size {_shape[d]}.");
        }

        var shape = (int[])_shape.Clone();
        shape[d] = length;
        return new Tensor(Storage, Offset + (start * _strides[d]), shape, (int[])_strides.Clone());
    }

    /// <summary>Rows <c>[start, start + count)</c> of dimension 0, as a view.</summary>
    public Tensor SliceRows(int start, int count) => Narrow(0, start, count);

    /// <summary>Entry <paramref name="index"/> of <paramref name="dimension"/>, dropping that dimension, as a view.</summary>
    public Tensor Select(int dimension, int index)
    {
        var d = NormalizeDimension(dimension);
        var i = index < 0 ? index + _shape[d] : index;
        if (i < 0 || i >= _shape[d])
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index outside size {_shape[d]} of dimension {dimension}.");
        }

        return new Tensor(Storage, Offset + (i * _strides[d]), [.. _shape[..d], .. _shape[(d + 1)..]], [.. _strides[..d], .. _strides[(d + 1)..]]);
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dimension"/> (0 … Rank).</summary>
    public Tensor Unsqueeze(int dimension)
    {
        var d = dimension < 0 ? dimension + Rank + 1 : dimension;
        if (d < 0 || d > Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"Unsqueeze position outside 0..{Rank}.");
        }

        var stride = d < Rank ? _strides[d] * _shape[d] : 1;
        return new Tensor(Storage, Offset, [.. _shape[..d], 1, .. _shape[d..]], [.. _strides[..d], stride, .. _strides[d..]]);
    }

    /// <summary>Drops every dimension of size 1 (or only <paramref name="dimension"/> when given).</summary>
    public Tensor Squeeze(int? dimension = null)
    {
        var keep = Enumerable.Range(0, Rank)
            .Where(d => dimension is null ? _shape[d] != 1 : d != NormalizeDimension(dimension.Value) || _shape[d] != 1)
            .ToArray();
        return new Tensor(Storage, Offset, keep.Select(d => _shape[d]).ToArray(), keep.Select(d => _strides[d]).ToArray());
    }

    /// <summary>A broadcast view with <paramref name="shape"/>: size-1 dimensions repeat with stride 0 (no copy).</summary>
    public Tensor Expand(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < Rank)
        {
            throw new ArgumentException($"Cannot expand {TensorShape.Format(_shape)} to fewer dimensions {TensorShape.Format(shape)}.", nameof(shape));
        }

        var lead = shape.Length - Rank;
        var strides = new int[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            if (i < lead)
            {
                strides[i] = 0;
                continue;
            }

            var size = _shape[i - lead];
            if (size == shape[i])
            {
                strides[i] = _strides[i - lead];
            }
            else if (size == 1)
            {
                strides[i] = 0;
            }
            else
            {
                throw new ArgumentException($"Cannot expand {TensorShape.Format(_shape)} to {TensorShape.Format(shape)}: dimension {i - lead} has size {size}.", nameof(shape));
            }
        }

        return new Tensor(Storage, Offset, (int[])shape.Clone(), strides);
    }

    /// <summary>This tensor when already contiguous, otherwise a row-major copy.</summary>
    public Tensor Contiguous()
    {
        if (IsContiguous)
        {
            return this;
        }

        var copy = Zeros(Device, _shape);
        Device.Backend.Copy(this, copy);
        return copy;
    }

    /// <summary>A contiguous copy that shares nothing with this tensor.</summary>
    public Tensor Clone()
    {
        var copy = Zeros(Device, _shape);
        Device.Backend.Copy(this, copy);
        return copy;
    }

    /// <summary>Copies <paramref name="source"/>'s elements into this tensor (same shape, same device).</summary>
    public Tensor CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        RequireSameDevice(source);
        RequireShape(source._shape, nameof(source));
        Device.Backend.Copy(source, this);
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/>, in place.</summary>
    public Tensor Fill(float value)
    {
        Device.Backend.Fill(this, value);
        return this;
    }

    internal void RequireShape(ReadOnlySpan<int> shape, string what)
    {
        if (!_shape.AsSpan().SequenceEqual(shape))
        {
            throw new ArgumentException($"{what} has shape {TensorShape.Format(shape)}; expected {TensorShape.Format(_shape)}.");
        }
    }

    internal void RequireSameDevice(Tensor other)
    {
        if (!Device.SharesMemoryWith(other.Device))
        {
            throw new ArgumentException($"Tensors on different devices: {Device.Name} and {other.Device.Name}. Move one with To(device).");
        }
    }
}
