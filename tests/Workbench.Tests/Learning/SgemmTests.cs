using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Kernels;
using Workbench.Learning.Tensors;

namespace Workbench.Tests.Learning;

/// <summary>The managed SGEMM (every micro-kernel this CPU runs) and OpenBLAS against a double-precision reference.</summary>
public sealed class SgemmTests
{
    public static TheoryData<int, int, int, bool, bool> Shapes => new()
    {
        { 1, 1, 1, false, false },
        { 7, 5, 3, false, false },
        { 64, 128, 64, false, true },
        { 130, 70, 300, true, false },
        { 33, 257, 519, true, true },
        { 300, 9, 1100, false, true },
        { 5, 3100, 40, false, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_micro_kernel_matches_the_reference(int m, int n, int k, bool transA, bool transB)
    {
        var (a, b, c0) = Operands(m, n, k, seed: (ulong)(m * 31 + n));
        foreach (var kernel in SgemmMicroKernel.Supported)
        {
            foreach (var (alpha, beta) in new[] { (1f, 0f), (0.5f, 1.5f) })
            {
                var c = (float[])c0.Clone();
                ManagedSgemm.Multiply(kernel, threads: 2, transA, transB, m, n, k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n);

                var expected = Reference(a, b, c0, m, n, k, transA, transB, alpha, beta);
                AssertClose(c, expected, k, $"{kernel} {m}x{n}x{k} transA={transA} transB={transB} alpha={alpha} beta={beta}");
            }
        }
    }

    [Fact]
    public void Beta_zero_never_reads_the_output()
    {
        var (a, b, _) = Operands(20, 40, 30, seed: 3);
        var c = Enumerable.Repeat(float.NaN, 20 * 40).ToArray();
        ManagedSgemm.Multiply(SgemmMicroKernel.Best, 1, false, false, 20, 40, 30, 1f, a, 30, b, 40, 0f, c, 40);

        c.Should().OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void Results_are_bit_identical_for_any_thread_count()
    {
        var (a, b, _) = Operands(700, 600, 900, seed: 4);
        float[] Run(int threads)
        {
            var c = new float[700 * 600];
            ManagedSgemm.Multiply(SgemmMicroKernel.Best, threads, false, true, 700, 600, 900, 1f, a, 900, b, 900, 0f, c, 600);

            return c;
        }

        var single = Run(1);
        Run(2).Should().Equal(single);
        Run(5).Should().Equal(single);
    }

    [Theory]
    [InlineData(256, 256, 256)]
    [InlineData(97, 513, 130)]
    [InlineData(1024, 64, 300)]
    public void OpenBlas_and_the_managed_sgemm_agree(int m, int n, int k)
    {
        CpuBackend.OpenBlasAvailable.Should().BeTrue(
            $"CI installs Debian's libopenblas0 so this comparison runs; here it failed to load: {CpuBackend.OpenBlasLoadError}");
        var (a, b, c0) = Operands(m, n, k, seed: 5);
        var managed = Device.CreateCpu(new CpuBackendOptions { Threads = 2, Gemm = GemmProvider.Managed });
        var openBlas = Device.CreateCpu(new CpuBackendOptions { Threads = 2, Gemm = GemmProvider.OpenBlas });
        ((CpuBackend)openBlas.Backend).ActiveGemm.Should().Be(GemmProvider.OpenBlas);
        foreach (var (transA, transB) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var left = (float[])c0.Clone();
            var right = (float[])c0.Clone();
            ((CpuBackend)managed.Backend).Sgemm(transA, transB, m, n, k, 0.75f, a, transA ? m : k, b, transB ? k : n, 0.25f, left, n);
            ((CpuBackend)openBlas.Backend).Sgemm(transA, transB, m, n, k, 0.75f, a, transA ? m : k, b, transB ? k : n, 0.25f, right, n);

            AssertClose(left, right.Select(v => (double)v).ToArray(), k, $"managed vs OpenBLAS transA={transA} transB={transB}");
        }
    }

    [Fact]
    public void Forcing_openblas_by_environment_name_is_parsed_and_bad_values_are_named()
    {
        CpuBackendOptions.ParseGemm("OpenBLAS").Should().Be(GemmProvider.OpenBlas);
        CpuBackendOptions.ParseGemm(" managed ").Should().Be(GemmProvider.Managed);
        var act = () => CpuBackendOptions.ParseGemm("mkl");
        act.Should().Throw<ArgumentException>().WithMessage("*WORKBENCH_GEMM='mkl'*auto, managed, openblas*");
    }

    [Fact]
    public void MatMul_reads_transposed_and_sliced_views_in_place()
    {
        var a = Tensor.RandomNormal([40, 30], seed: 6);
        var b = Tensor.RandomNormal([50, 40], seed: 7);
        var product = a.T.MatMul(b.T);
        product.HasShape(30, 50).Should().BeTrue();
        var expected = Reference(a.ToArray(), b.ToArray(), new float[30 * 50], 30, 50, 40, true, true, 1f, 0f);
        AssertClose(product.ToArray(), expected, 40, "Aᵀ·Bᵀ through views");

        var rows = b.SliceRows(10, 20);
        var sliced = rows.MatMul(Tensor.Eye(40));
        sliced.ToArray().Should().Equal(rows.ToArray());
    }

    [Fact]
    public void Sparse_times_dense_matches_the_dense_product_both_ways()
    {
        var random = new DeterministicRandom(8);
        var dense = new float[60 * 45];
        for (var i = 0; i < dense.Length; i++)
        {
            dense[i] = random.NextDouble() < 0.1 ? (float)random.NextGaussian() : 0f;
        }

        var sparse = ToCsr(dense, 60, 45);
        var weights = Tensor.RandomNormal([45, 12], seed: 9);
        var backend = Device.Cpu.Backend;
        var viaSparse = Tensor.Zeros(60, 12);
        backend.SparseMatMul(sparse, weights, viaSparse);
        AssertClose(viaSparse.ToArray(), Reference(dense, weights.ToArray(), new float[60 * 12], 60, 12, 45, false, false, 1f, 0f), 45, "CSR x dense");

        var upstream = Tensor.RandomNormal([60, 12], seed: 10);
        var transposed = Tensor.Zeros(45, 12);
        backend.SparseTransposedMatMul(sparse, upstream, transposed);
        AssertClose(transposed.ToArray(), Reference(dense, upstream.ToArray(), new float[45 * 12], 45, 12, 60, true, false, 1f, 0f), 60, "CSRᵀ x dense");
    }

    internal static Workbench.Data.SparseMatrix ToCsr(float[] dense, int rows, int columns)
    {
        var pointers = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (dense[(r * columns) + c] != 0f)
                {
                    indices.Add(c);
                    values.Add(dense[(r * columns) + c]);
                }
            }

            pointers.Add(values.Count);
        }

        return new Workbench.Data.SparseMatrix(rows, columns, [.. pointers], [.. indices], [.. values]);
    }

    private static (float[] A, float[] B, float[] C) Operands(int m, int n, int k, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        float Next() => (float)random.NextGaussian();
        return (Enumerable.Range(0, m * k).Select(_ => Next()).ToArray(), Enumerable.Range(0, k * n).Select(_ => Next()).ToArray(), Enumerable.Range(0, m * n).Select(_ => Next()).ToArray());
    }

    private static double[] Reference(float[] a, float[] b, float[] c, int m, int n, int k, bool transA, bool transB, float alpha, float beta)
    {
        var result = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++)
                {
                    sum += (double)(transA ? a[(p * m) + i] : a[(i * k) + p]) * (transB ? b[(j * k) + p] : b[(p * n) + j]);
                }

                result[(i * n) + j] = (alpha * sum) + (beta * (double)c[(i * n) + j]);
            }
        }

        return result;
    }

    /// <summary>Float32 accumulation error grows like √k·ε relative to the magnitude of the terms.</summary>
    private static void AssertClose(float[] actual, double[] expected, int k, string what)
    {
        actual.Should().HaveCount(expected.Length);
        var tolerance = 1e-5 * Math.Sqrt(Math.Max(k, 1)) * Math.Max(1.0, Math.Sqrt(k));
        for (var i = 0; i < expected.Length; i++)
        {
            Math.Abs(actual[i] - expected[i]).Should().BeLessThan(tolerance, $"{what}: element {i}");
        }
    }
}
