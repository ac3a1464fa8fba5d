namespace Workbench.Learning.Devices;

/// <summary>Which SGEMM the CPU backend calls.</summary>
public enum GemmProvider
{
    /// <summary>
    /// The managed SGEMM where its AVX-512 kernel runs; elsewhere OpenBLAS when <c>libopenblas</c> loads,
    /// otherwise the managed SGEMM (see <see cref="CpuBackend.ActiveGemm"/>).
    /// </summary>
    Auto,

    /// <summary>Workbench's blocked, packed, SIMD SGEMM (always available).</summary>
    Managed,

    /// <summary>OpenBLAS's <c>cblas_sgemm</c>; an error names the missing library when it does not load.</summary>
    OpenBlas,
}

/// <summary>
/// Settings of a <see cref="CpuBackend"/>. The process-wide <see cref="Device.Cpu"/> reads them from
/// <c>WORKBENCH_NUM_THREADS</c> (default: all processors) and <c>WORKBENCH_GEMM</c> (<c>auto</c>, <c>managed</c>
/// or <c>openblas</c>); both can be changed at run time on <see cref="CpuBackend"/>.
/// </summary>
public sealed record CpuBackendOptions
{
    public const string ThreadsVariable = "WORKBENCH_NUM_THREADS";
    public const string GemmVariable = "WORKBENCH_GEMM";

    /// <summary>Worker threads for kernels (1 = single-threaded). Results are identical for any value.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    public GemmProvider Gemm { get; init; } = GemmProvider.Auto;

    /// <summary>The options named by the environment; an unreadable value fails with the variable's name.</summary>
    public static CpuBackendOptions FromEnvironment()
    {
        var options = new CpuBackendOptions();
        var threads = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (!string.IsNullOrWhiteSpace(threads))
        {
            options = options with
            {
                Threads = int.TryParse(threads, out var count) && count > 0
                    ? count
                    : throw new ArgumentException($"{ThreadsVariable}='{threads}' is not a positive integer."),
            };
        }

        var gemm = Environment.GetEnvironmentVariable(GemmVariable);
        if (!string.IsNullOrWhiteSpace(gemm))
        {
            options = options with { Gemm = ParseGemm(gemm) };
        }

        return options;
    }

    public static GemmProvider ParseGemm(string value) => value.Trim().ToLowerInvariant() switch
    {
        "auto" => GemmProvider.Auto,
        "managed" => GemmProvider.Managed,
        "openblas" => GemmProvider.OpenBlas,
        _ => throw new ArgumentException($"{GemmVariable}='{value}' is not one of auto, managed, openblas."),
    };
}
