using Workbench.Learning.Devices;

namespace Workbench.Learning.Tensors;

/// <summary>
/// The memory behind one or more tensors (views share it). Each device owns its storage type: the CPU keeps a
/// managed <c>float[]</c>; a CUDA backend would keep a device pointer. Only the owning backend reads it.
/// </summary>
public abstract class TensorStorage
{
    protected TensorStorage(Device device, int length)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Device = device;
        Length = length;
    }

    public Device Device { get; }

    /// <summary>Number of float32 elements.</summary>
    public int Length { get; }
}

/// <summary>Host memory: a managed array the CPU backend reads with spans and SIMD.</summary>
public sealed class CpuStorage : TensorStorage
{
    public CpuStorage(Device device, float[] data)
        : base(device, data?.Length ?? 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
    }

    public float[] Data { get; }
}
