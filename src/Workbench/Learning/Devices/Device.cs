namespace Workbench.Learning.Devices;

/// <summary>
/// Where tensors live and kernels run. Models, layers, losses and optimizers only ever call
/// <see cref="Backend"/>; they never touch a kernel or a storage type directly, so a CUDA backend plugs in by
/// implementing <see cref="IComputeBackend"/> and handing it to <see cref="Register"/> (see docs/learning-devices.md).
/// </summary>
public sealed class Device
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, Device> Known = new(StringComparer.OrdinalIgnoreCase);
    private static Device? _default;

    private Device(DeviceKind kind, int index, Func<Device, IComputeBackend> backendFactory)
    {
        Kind = kind;
        Index = index;
        Backend = backendFactory(this);
    }

    /// <summary>The host CPU with the process-wide <see cref="CpuBackend"/> (threads and GEMM provider configurable there).</summary>
    public static Device Cpu { get; } = new(DeviceKind.Cpu, 0, device => new CpuBackend(device, CpuBackendOptions.FromEnvironment()));

    /// <summary>The device new tensors and models use when none is named: the CPU unless changed.</summary>
    public static Device Default
    {
        get { lock (Gate) { return _default ?? Cpu; } }
        set { lock (Gate) { _default = value ?? throw new ArgumentNullException(nameof(value)); } }
    }

    public DeviceKind Kind { get; }

    /// <summary>Ordinal among devices of the same kind (the GPU number for CUDA).</summary>
    public int Index { get; }

    public IComputeBackend Backend { get; }

    /// <summary>Short name like <c>cpu</c> or <c>cuda:0</c>.</summary>
    public string Name => Kind == DeviceKind.Cpu && Index == 0 ? "cpu" : $"{Kind.ToString().ToLowerInvariant()}:{Index}";

    /// <summary>What runs the kernels, for logs and notebooks: processor, SIMD width, threads, GEMM provider.</summary>
    public string Description => Backend.Description;

    /// <summary>Creates a CPU device with its own settings (for example a fixed thread count), independent of <see cref="Cpu"/>.</summary>
    public static Device CreateCpu(CpuBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Device(DeviceKind.Cpu, 0, device => new CpuBackend(device, options));
    }

    /// <summary>
    /// Makes a backend from another assembly (a CUDA backend) reachable by name through <see cref="Get"/>.
    /// The factory receives the new device so the backend can tag the storage it allocates.
    /// </summary>
    public static Device Register(DeviceKind kind, int index, Func<Device, IComputeBackend> backendFactory)
    {
        ArgumentNullException.ThrowIfNull(backendFactory);
        var device = new Device(kind, index, backendFactory);
        lock (Gate)
        {
            Known[device.Name] = device;
        }

        return device;
    }

    /// <summary>Finds a device by name: <c>cpu</c>, or a registered one such as <c>cuda:0</c>.</summary>
    public static Device Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            return Cpu;
        }

        lock (Gate)
        {
            if (Known.TryGetValue(name, out var device))
            {
                return device;
            }

            var available = string.Join(", ", new[] { "cpu" }.Concat(Known.Keys.Order(StringComparer.Ordinal)));
            throw new ArgumentException(
                $"No device named '{name}'. Available: {available}. A CUDA device appears once a CUDA backend registers it (see docs/learning-devices.md).",
                nameof(name));
        }
    }

    /// <summary>Every device usable now: the CPU first, then registered ones.</summary>
    public static IReadOnlyList<Device> Available()
    {
        lock (Gate)
        {
            return [Cpu, .. Known.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Whether tensors of <paramref name="other"/> can be used here without a copy: the same device, or two CPU
    /// devices (differently configured backends over the same host memory).
    /// </summary>
    public bool SharesMemoryWith(Device other) => ReferenceEquals(this, other) || (Kind == DeviceKind.Cpu && other?.Kind == DeviceKind.Cpu);

    public override string ToString() => Name;
}
