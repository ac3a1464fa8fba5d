using Workbench.Data;
using Workbench.Learning.Devices;

namespace Workbench.Learning.Tensors;

public sealed partial class Tensor
{
    /// <summary>A zero-filled tensor on <see cref="Device.Default"/>.</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(Device.Default, shape);

    public static Tensor Zeros(Device device, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        var resolved = TensorShape.Resolve(shape, TensorShape.CountOf(ValidateSizes(shape)));
        return new Tensor(device.Backend.Allocate(TensorShape.CountOf(resolved)), 0, resolved, TensorShape.RowMajorStrides(resolved));
    }

    /// <summary>A zero-filled tensor with the shape and device of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Zeros(like.Device, like._shape);
    }

    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    public static Tensor Full(float value, params int[] shape) => Full(Device.Default, value, shape);

    public static Tensor Full(Device device, float value, params int[] shape)
    {
        var tensor = Zeros(device, shape);
        if (value != 0f)
        {
            device.Backend.Fill(tensor, value);
        }

        return tensor;
    }

    /// <summary>A tensor holding a copy of <paramref name="values"/> (row-major) on <see cref="Device.Default"/>.</summary>
    public static Tensor FromArray(float[] values, params int[] shape) => FromArray(Device.Default, values, shape);

    public static Tensor FromArray(Device device, float[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(values);
        var resolved = TensorShape.Resolve(shape.Length == 0 && values.Length != 1 ? [values.Length] : shape, values.Length);
        return new Tensor(device.Backend.Upload(values), 0, resolved, TensorShape.RowMajorStrides(resolved));
    }

    public static Tensor FromArray(float[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return Wrap(flat, values.GetLength(0), values.GetLength(1));
    }

    /// <summary>A host tensor over <paramref name="values"/> without copying: writes to either are seen by both.</summary>
    public static Tensor Wrap(float[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        var resolved = TensorShape.Resolve(shape.Length == 0 && values.Length != 1 ? [values.Length] : shape, values.Length);
        return new Tensor(new CpuStorage(Device.Cpu, values), 0, resolved, TensorShape.RowMajorStrides(resolved));
    }

    /// <summary>
    /// A [rows, columns] tensor over a <see cref="DenseMatrix"/>: on the CPU it shares the matrix's array
    /// (no copy; the engine never writes to inputs); on another device it is uploaded.
    /// </summary>
    public static Tensor FromMatrix(DenseMatrix matrix, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var target = device ?? Device.Default;
        return target.Kind == DeviceKind.Cpu
            ? Wrap(matrix.Values, matrix.Rows, matrix.Columns)
            : FromArray(target, matrix.Values, matrix.Rows, matrix.Columns);
    }

    /// <summary>0, 1, …, n − 1 as floats.</summary>
    public static Tensor Arange(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = i;
        }

        return FromArray(values, count);
    }

    public static Tensor Eye(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var values = new float[size * size];
        for (var i = 0; i < size; i++)
        {
            values[(i * size) + i] = 1f;
        }

        return FromArray(values, size, size);
    }

    /// <summary>Uniform draws on [low, high) from a seeded, counter-based generator (same values on every machine).</summary>
    public static Tensor RandomUniform(int[] shape, float low = 0f, float high = 1f, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new DeterministicRandom(seed);
        var values = new float[TensorShape.CountOf(ValidateSizes(shape))];
        random.FillUniform(values, low, high);
        return FromArray(values, shape);
    }

    /// <summary>Normal draws from a seeded, counter-based generator.</summary>
    public static Tensor RandomNormal(int[] shape, float mean = 0f, float standardDeviation = 1f, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new DeterministicRandom(seed);
        var values = new float[TensorShape.CountOf(ValidateSizes(shape))];
        random.FillNormal(values, mean, standardDeviation);
        return FromArray(values, shape);
    }

    private static int[] ValidateSizes(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"Negative size {size} in shape {TensorShape.Format(shape)}.", nameof(shape));
            }
        }

        return shape;
    }
}
