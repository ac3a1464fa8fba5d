using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Workbench.Learning.Kernels;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Devices;

/// <summary>
/// The host backend: element-wise and reduction kernels on <c>System.Numerics.Tensors.TensorPrimitives</c>
/// (SIMD), a blocked multi-threaded SGEMM (or OpenBLAS), CSR x dense products, and fused kernels for layers,
/// losses and optimizers. Every reduction uses fixed chunking, so results are bit-identical for any
/// <see cref="Threads"/> value.
/// </summary>
public sealed partial class CpuBackend : IComputeBackend
{
    private readonly Device _device;
    private int _threads;

    internal CpuBackend(Device device, CpuBackendOptions options)
    {
        _device = device;
        Threads = options.Threads;
        Gemm = options.Gemm;
    }

    /// <summary>Worker threads for kernels; 1 runs everything on the calling thread.</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Threads must be at least 1.");
    }

    /// <summary>Which SGEMM <see cref="MatMul"/> uses; see <see cref="ActiveGemm"/> for what <see cref="GemmProvider.Auto"/> resolved to.</summary>
    public GemmProvider Gemm { get; set; }

    /// <summary>
    /// The provider that runs now. Auto picks the managed SGEMM where its AVX-512 micro-kernel runs (measured
    /// faster than Debian's OpenBLAS 0.3.21, which dispatches its AVX2 kernels on such processors, and
    /// bit-identical across thread counts), else OpenBLAS when it loads, else the managed SGEMM. The rule
    /// depends only on the machine, never on timings, so a given machine always takes the same path.
    /// </summary>
    public GemmProvider ActiveGemm => Gemm switch
    {
        GemmProvider.Auto => SgemmMicroKernel.Best == SgemmMicroKernel.ForAvx512 || !OpenBlas.IsAvailable ? GemmProvider.Managed : GemmProvider.OpenBlas,
        _ => Gemm,
    };

    public static bool OpenBlasAvailable => OpenBlas.IsAvailable;

    /// <summary>Why OpenBLAS is not in use (null when it loaded).</summary>
    public static string? OpenBlasLoadError => OpenBlas.LoadError;

    /// <summary>The widest SIMD the kernels use on this processor.</summary>
    public static string SimdWidth =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? "AVX-512"
        : Avx2.IsSupported ? "AVX2"
        : Vector128.IsHardwareAccelerated ? "128-bit SIMD"
        : "scalar";

    /// <summary>The managed SGEMM's micro-kernel on this processor.</summary>
    public static string ManagedGemmKernel => SgemmMicroKernel.Best.Name;

    public string Description =>
        $"cpu ({SimdWidth}, {Threads} thread{(Threads == 1 ? string.Empty : "s")}, GEMM: "
        + (ActiveGemm == GemmProvider.OpenBlas ? $"OpenBLAS {OpenBlas.Describe()}" : $"managed {SgemmMicroKernel.Best.Name}")
        + ")";

    public TensorStorage Allocate(int length) => new CpuStorage(_device, new float[length]);

    public TensorStorage Upload(ReadOnlySpan<float> values) => new CpuStorage(_device, values.ToArray());

    public void Download(Tensor source, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (destination.Length < source.Count)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; the tensor has {source.Count}.", nameof(destination));
        }

        if (source.IsContiguous)
        {
            Data(source).AsSpan(source.Offset, source.Count).CopyTo(destination);
            return;
        }

        var copy = new float[source.Count];
        CopyStrided(source, copy, 0);
        copy.CopyTo(destination);
    }

    public void Copy(Tensor source, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        destination.RequireShape(source.ShapeArray, "source");
        var target = Data(destination);
        if (source.IsContiguous && destination.IsContiguous)
        {
            Data(source).AsSpan(source.Offset, source.Count).CopyTo(target.AsSpan(destination.Offset, destination.Count));
            return;
        }

        var sourceData = Data(source);
        StridedLoop.ForEachRun(source.ShapeArray, [source.StrideArray, destination.StrideArray], [source.Offset, destination.Offset], (offsets, length, inner) =>
        {
            if (inner[0] == 1 && inner[1] == 1)
            {
                sourceData.AsSpan(offsets[0], length).CopyTo(target.AsSpan(offsets[1], length));
                return;
            }

            for (var i = 0; i < length; i++)
            {
                target[offsets[1] + (i * inner[1])] = sourceData[offsets[0] + (i * inner[0])];
            }
        });
    }

    public void Fill(Tensor destination, float value)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var data = Data(destination);
        if (destination.IsContiguous)
        {
            data.AsSpan(destination.Offset, destination.Count).Fill(value);
            return;
        }

        StridedLoop.ForEachRun(destination.ShapeArray, [destination.StrideArray], [destination.Offset], (offsets, length, inner) =>
        {
            for (var i = 0; i < length; i++)
            {
                data[offsets[0] + (i * inner[0])] = value;
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GatherRows(Tensor source, ReadOnlySpan<int> rows, Tensor destination)
    {
        RequireMatrix(source, nameof(source));
        var columns = source.Columns;
        RequireShape(destination, nameof(destination), rows.Length, columns);
        var input = Contiguous(source);
        var output = Writable(destination);
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            if ((uint)row >= (uint)source.Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row index {row} at position {r} is outside 0..{source.Rows - 1}.");
            }

            input.Slice(row * columns, columns).CopyTo(output.Slice(r * columns, columns));
        }
    }

    /// <summary>The host array behind a tensor of this device.</summary>
    internal float[] Data(Tensor tensor)
    {
        if (tensor.Storage is CpuStorage cpu && _device.SharesMemoryWith(tensor.Device))
        {
            return cpu.Data;
        }

        throw new ArgumentException($"A tensor on {tensor.Device.Name} was passed to the {_device.Name} backend; move it with To(device).");
    }

    /// <summary>A read-only view of the elements in row-major order (a temporary copy for non-contiguous views).</summary>
    internal ReadOnlySpan<float> Contiguous(Tensor tensor)
    {
        if (tensor.IsContiguous)
        {
            return Data(tensor).AsSpan(tensor.Offset, tensor.Count);
        }

        var copy = new float[tensor.Count];
        CopyStrided(tensor, copy, 0);
        return copy;
    }

    /// <summary>The elements of an output tensor, which must be contiguous.</summary>
    internal Span<float> Writable(Tensor tensor)
    {
        if (!tensor.IsContiguous)
        {
            throw new ArgumentException($"Kernel outputs must be contiguous; got a {TensorShape.Format(tensor.ShapeArray)} view with strides {TensorShape.Format(tensor.StrideArray)}.");
        }

        return Data(tensor).AsSpan(tensor.Offset, tensor.Count);
    }

    /// <summary>(array, offset) of a tensor's elements, contiguous, for kernels that run on worker threads.</summary>
    internal (float[] Array, int Offset) Segment(Tensor tensor)
    {
        if (tensor.IsContiguous)
        {
            return (Data(tensor), tensor.Offset);
        }

        var copy = new float[tensor.Count];
        CopyStrided(tensor, copy, 0);
        return (copy, 0);
    }

    internal (float[] Array, int Offset) WritableSegment(Tensor tensor)
    {
        _ = Writable(tensor);
        return (Data(tensor), tensor.Offset);
    }

    internal static void RequireMatrix(Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.Rank != 2)
        {
            throw new ArgumentException($"{name} must be 2-D; got shape {TensorShape.Format(tensor.ShapeArray)}.", name);
        }
    }

    internal static void RequireShape(Tensor tensor, string name, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (!tensor.HasShape(shape))
        {
            throw new ArgumentException($"{name} has shape {TensorShape.Format(tensor.ShapeArray)}; expected {TensorShape.Format(shape)}.", name);
        }
    }

    internal static void RequireSameCount(Tensor a, Tensor b, string nameA, string nameB)
    {
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"{nameA} has shape {TensorShape.Format(a.ShapeArray)} but {nameB} has {TensorShape.Format(b.ShapeArray)}.");
        }
    }

    private void CopyStrided(Tensor source, float[] destination, int destinationOffset)
    {
        var data = Data(source);
        var written = destinationOffset;
        StridedLoop.ForEachRun(source.ShapeArray, [source.StrideArray], [source.Offset], (offsets, length, inner) =>
        {
            if (inner[0] == 1)
            {
                data.AsSpan(offsets[0], length).CopyTo(destination.AsSpan(written, length));
            }
            else
            {
                for (var i = 0; i < length; i++)
                {
                    destination[written + i] = data[offsets[0] + (i * inner[0])];
                }
            }

            written += length;
        });
    }
}
