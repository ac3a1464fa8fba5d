using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Learning.Kernels;

/// <summary>
/// The register-blocked inner kernel of the SGEMM: <c>C[MR x NR] = alpha · Σ_p A[p, 0..MR) ⊗ B[p, 0..NR) + beta · C</c>
/// over packed panels (A: MR values per step, B: NR values per step). Accumulators stay in vector registers for
/// the whole k loop; <c>beta = 0</c> never reads C.
/// </summary>
internal sealed unsafe class SgemmMicroKernel
{
    private SgemmMicroKernel(string name, int mr, int nr, delegate*<int, float*, float*, float*, nint, float, float, void> run)
    {
        Name = name;
        MR = mr;
        NR = nr;
        Run = run;
    }

    public string Name { get; }

    public int MR { get; }

    public int NR { get; }

    public delegate*<int, float*, float*, float*, nint, float, float, void> Run { get; }

    public static SgemmMicroKernel ForAvx512 { get; } = new("AVX-512 8x32", 8, 32, &Avx512Kernel8x32);

    public static SgemmMicroKernel ForAvx2 { get; } = new("AVX2+FMA 6x16", 6, 16, &Avx2Kernel6x16);

    public static SgemmMicroKernel ForPortable { get; } = new("portable 4x8", 4, 8, &PortableKernel4x8);

    /// <summary>The widest kernel this processor runs.</summary>
    public static SgemmMicroKernel Best { get; } =
        Avx512F.IsSupported ? ForAvx512 : Fma.IsSupported && Avx2.IsSupported ? ForAvx2 : ForPortable;

    /// <summary>Every kernel this processor can run (tests compare them all).</summary>
    public static IReadOnlyList<SgemmMicroKernel> Supported { get; } =
        new[] { Avx512F.IsSupported ? ForAvx512 : null, Fma.IsSupported && Avx2.IsSupported ? ForAvx2 : null, ForPortable }
            .OfType<SgemmMicroKernel>()
            .ToArray();

    public override string ToString() => Name;

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx512Kernel8x32(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Avx512F.LoadVector512(b);
            var b1 = Avx512F.LoadVector512(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 32;
        }

        Store512(c, c00, c01, alpha, beta);
        Store512(c + ldc, c10, c11, alpha, beta);
        Store512(c + (2 * ldc), c20, c21, alpha, beta);
        Store512(c + (3 * ldc), c30, c31, alpha, beta);
        Store512(c + (4 * ldc), c40, c41, alpha, beta);
        Store512(c + (5 * ldc), c50, c51, alpha, beta);
        Store512(c + (6 * ldc), c60, c61, alpha, beta);
        Store512(c + (7 * ldc), c70, c71, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, Vector512<float> v0, Vector512<float> v1, float alpha, float beta)
    {
        var va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Avx512F.Store(c, Avx512F.Multiply(v0, va));
            Avx512F.Store(c + 16, Avx512F.Multiply(v1, va));
        }
        else
        {
            var vb = Vector512.Create(beta);
            Avx512F.Store(c, Avx512F.FusedMultiplyAdd(v0, va, Avx512F.Multiply(Avx512F.LoadVector512(c), vb)));
            Avx512F.Store(c + 16, Avx512F.FusedMultiplyAdd(v1, va, Avx512F.Multiply(Avx512F.LoadVector512(c + 16), vb)));
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx2Kernel6x16(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00);
            c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10);
            c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20);
            c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30);
            c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40);
            c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50);
            c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += 6;
            b += 16;
        }

        Store256(c, c00, c01, alpha, beta);
        Store256(c + ldc, c10, c11, alpha, beta);
        Store256(c + (2 * ldc), c20, c21, alpha, beta);
        Store256(c + (3 * ldc), c30, c31, alpha, beta);
        Store256(c + (4 * ldc), c40, c41, alpha, beta);
        Store256(c + (5 * ldc), c50, c51, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* c, Vector256<float> v0, Vector256<float> v1, float alpha, float beta)
    {
        var va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Avx.Store(c, Avx.Multiply(v0, va));
            Avx.Store(c + 8, Avx.Multiply(v1, va));
        }
        else
        {
            var vb = Vector256.Create(beta);
            Avx.Store(c, Fma.MultiplyAdd(v0, va, Avx.Multiply(Avx.LoadVector256(c), vb)));
            Avx.Store(c + 8, Fma.MultiplyAdd(v1, va, Avx.Multiply(Avx.LoadVector256(c + 8), vb)));
        }
    }

    /// <summary>Any processor (ARM included): 128-bit vectors, 8 accumulators.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PortableKernel4x8(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + 4);
            var a0 = Vector128.Create(a[0]);
            c00 += a0 * b0;
            c01 += a0 * b1;
            var a1 = Vector128.Create(a[1]);
            c10 += a1 * b0;
            c11 += a1 * b1;
            var a2 = Vector128.Create(a[2]);
            c20 += a2 * b0;
            c21 += a2 * b1;
            var a3 = Vector128.Create(a[3]);
            c30 += a3 * b0;
            c31 += a3 * b1;
            a += 4;
            b += 8;
        }

        Store128(c, c00, c01, alpha, beta);
        Store128(c + ldc, c10, c11, alpha, beta);
        Store128(c + (2 * ldc), c20, c21, alpha, beta);
        Store128(c + (3 * ldc), c30, c31, alpha, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store128(float* c, Vector128<float> v0, Vector128<float> v1, float alpha, float beta)
    {
        if (beta == 0f)
        {
            (v0 * alpha).Store(c);
            (v1 * alpha).Store(c + 4);
        }
        else
        {
            ((v0 * alpha) + (Vector128.Load(c) * beta)).Store(c);
            ((v1 * alpha) + (Vector128.Load(c + 4) * beta)).Store(c + 4);
        }
    }
}
