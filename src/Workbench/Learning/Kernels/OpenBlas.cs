using System.Runtime.InteropServices;

namespace Workbench.Learning.Kernels;

/// <summary>
/// OpenBLAS's <c>cblas_sgemm</c>, found at run time (Debian's <c>libopenblas0</c> ships <c>libopenblas.so.0</c>).
/// Nothing links against it: when it is missing the managed SGEMM runs and <see cref="LoadError"/> says why.
/// <c>WORKBENCH_OPENBLAS_PATH</c> names another file to try first.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly Lazy<Library?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly object ThreadGate = new();
    private static string? _loadError;
    private static int _threads = -1;

    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>Why OpenBLAS could not be used (null when it loaded).</summary>
    public static string? LoadError
    {
        get
        {
            _ = Loaded.Value;
            return _loadError;
        }
    }

    /// <summary>The file that loaded and OpenBLAS's own configuration string (version, core, threads).</summary>
    public static string? Describe() => Loaded.Value is { } library ? $"{library.Path} ({library.Config})" : null;

    /// <summary>Row-major <c>C = alpha · op(A) · op(B) + beta · C</c> on <paramref name="threads"/> OpenBLAS threads.</summary>
    public static void Sgemm(
        int threads, bool transA, bool transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        var library = Loaded.Value ?? throw new InvalidOperationException($"OpenBLAS is not available: {LoadError}");
        lock (ThreadGate)
        {
            // openblas_set_num_threads is process-wide; the lock keeps a concurrent caller from changing it mid-call.
            if (_threads != threads && library.SetThreads is not null)
            {
                library.SetThreads(threads);
                _threads = threads;
            }

            library.Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    private static Library? Load()
    {
        var candidates = new List<string>();
        var configured = Environment.GetEnvironmentVariable("WORKBENCH_OPENBLAS_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(configured);
        }

        candidates.AddRange(OperatingSystem.IsWindows() ? ["libopenblas.dll", "openblas.dll"]
            : OperatingSystem.IsMacOS() ? ["libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib", "/usr/local/opt/openblas/lib/libopenblas.dylib"]
            : ["libopenblas.so.0", "libopenblas.so", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "/usr/lib/aarch64-linux-gnu/libopenblas.so.0", "/usr/lib64/libopenblas.so.0"]);

        var tried = new List<string>();
        foreach (var candidate in candidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out var handle))
            {
                tried.Add(candidate);
                continue;
            }

            if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm))
            {
                tried.Add($"{candidate} (no cblas_sgemm export)");
                continue;
            }

            NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads);
            NativeLibrary.TryGetExport(handle, "openblas_get_config", out var getConfig);
            var config = getConfig == 0 ? "unknown build" : Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)getConfig)()) ?? "unknown build";
            return new Library(
                candidate,
                config.Trim(),
                (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm,
                setThreads == 0 ? null : (delegate* unmanaged<int, void>)setThreads);
        }

        _loadError = $"libopenblas not found (tried {string.Join(", ", tried)}); on Debian/Ubuntu: apt-get install libopenblas0";
        return null;
    }

    private sealed class Library(
        string path,
        string config,
        delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm,
        delegate* unmanaged<int, void> setThreads)
    {
        public string Path { get; } = path;

        public string Config { get; } = config;

        public delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm { get; } = sgemm;

        public delegate* unmanaged<int, void> SetThreads { get; } = setThreads;
    }
}
