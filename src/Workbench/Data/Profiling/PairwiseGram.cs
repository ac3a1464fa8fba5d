using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Workbench.Data.Profiling;

/// <summary>
/// Pearson correlations of every pair of columns over the rows where both are present (pandas'
/// pairwise-complete <c>corr()</c>), in one pass over row blocks. Each column is centred on its own mean and
/// missing values become 0, so the sums of products over all rows equal the sums over the pair's common rows;
/// for columns with gaps, the sums and counts under the other column's presence are kept too, and the pair's
/// own means are corrected for at the end. Rows are split across threads; each block's products are SIMD dot products.
/// </summary>
internal static class PairwiseGram
{
    private const int BlockRows = 1024;

    /// <summary>Writes rows [start, start + count) of column <c>column</c> into the span; NaN marks a missing value.</summary>
    public delegate void Source(int column, int start, int count, Span<double> destination);

    /// <summary>The correlation matrix; <paramref name="means"/> are each column's mean over its present values, <paramref name="gapped"/> which columns have missing values.</summary>
    public static double[][] Correlate(Source source, int columns, int rows, IReadOnlyList<double> means, IReadOnlyList<bool> gapped, int degree)
    {
        var gaps = Enumerable.Range(0, columns).Where(c => gapped[c]).ToArray();
        var gapIndex = new int[columns];
        Array.Fill(gapIndex, -1);
        for (var g = 0; g < gaps.Length; g++)
        {
            gapIndex[gaps[g]] = g;
        }

        var parts = Math.Max(1, Math.Min(degree, (rows + BlockRows - 1) / BlockRows));
        var partials = new Sums[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = degree }, part =>
        {
            var from = (int)((long)rows * part / parts);
            var to = (int)((long)rows * (part + 1) / parts);
            partials[part] = Accumulate(source, columns, from, to, means, gaps);
        });
        var total = partials[0];
        for (var p = 1; p < parts; p++)
        {
            total.Add(partials[p]);
        }

        var result = new double[columns][];
        for (var i = 0; i < columns; i++)
        {
            result[i] = new double[columns];
        }

        for (var i = 0; i < columns; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var gi = gapIndex[i];
                var gj = gapIndex[j];
                var n = gj >= 0 ? total.N[i, gj] : gi >= 0 ? total.N[j, gi] : rows;
                var sx = gj >= 0 ? total.B[i, gj] : total.T[i];
                var sxx = gj >= 0 ? total.C[i, gj] : total.Q[i];
                var sy = gi >= 0 ? total.B[j, gi] : total.T[j];
                var syy = gi >= 0 ? total.C[j, gi] : total.Q[j];
                var r = Pearson(n, sx, sy, sxx, syy, total.A[i, j]);
                result[i][j] = r;
                result[j][i] = r;
            }
        }

        return result;
    }

    private static double Pearson(double n, double sx, double sy, double sxx, double syy, double sxy)
    {
        if (n < 2)
        {
            return double.NaN;
        }

        var cov = sxy - (sx * sy / n);
        var vx = sxx - (sx * sx / n);
        var vy = syy - (sy * sy / n);
        var divisor = Math.Sqrt(vx * vy);
        return vx > 0 && vy > 0 && divisor > 0 ? cov / divisor : double.NaN;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Sums Accumulate(Source source, int columns, int from, int to, IReadOnlyList<double> means, int[] gaps)
    {
        var sums = new Sums(columns, gaps.Length);
        var z = new double[columns][];
        var zz = new double[columns][];
        var masks = new double[gaps.Length][];
        for (var c = 0; c < columns; c++)
        {
            z[c] = new double[BlockRows];
            zz[c] = new double[BlockRows];
        }

        for (var g = 0; g < gaps.Length; g++)
        {
            masks[g] = new double[BlockRows];
        }

        var presentInBlock = new double[gaps.Length];
        var gapOf = new int[columns];
        Array.Fill(gapOf, -1);
        for (var g = 0; g < gaps.Length; g++)
        {
            gapOf[gaps[g]] = g;
        }

        for (var start = from; start < to; start += BlockRows)
        {
            var count = Math.Min(BlockRows, to - start);
            for (var c = 0; c < columns; c++)
            {
                var block = z[c].AsSpan(0, count);
                source(c, start, count, block);
                var mean = means[c];
                var g = gapOf[c];
                var mask = g >= 0 ? masks[g].AsSpan(0, count) : default;
                for (var r = 0; r < count; r++)
                {
                    var v = block[r];
                    if (double.IsNaN(v))
                    {
                        block[r] = 0;
                        if (g >= 0)
                        {
                            mask[r] = 0;
                        }
                    }
                    else
                    {
                        block[r] = v - mean;
                        if (g >= 0)
                        {
                            mask[r] = 1;
                        }
                    }
                }

                TensorPrimitives.Multiply(block, block, zz[c].AsSpan(0, count));
                sums.T[c] += TensorPrimitives.Sum(block);
                sums.Q[c] += TensorPrimitives.Sum(zz[c].AsSpan(0, count));
            }

            // Rows present in each gapped column: the count shared with every complete column.
            for (var g = 0; g < gaps.Length; g++)
            {
                presentInBlock[g] = TensorPrimitives.Sum(masks[g].AsSpan(0, count));
            }

            for (var i = 0; i < columns; i++)
            {
                var zi = z[i].AsSpan(0, count);
                for (var j = 0; j <= i; j++)
                {
                    sums.A[i, j] += TensorPrimitives.Dot(zi, z[j].AsSpan(0, count));
                }

                for (var g = 0; g < gaps.Length; g++)
                {
                    var mask = masks[g].AsSpan(0, count);
                    sums.B[i, g] += TensorPrimitives.Dot(zi, mask);
                    sums.C[i, g] += TensorPrimitives.Dot(zz[i].AsSpan(0, count), mask);
                    sums.N[i, g] += gapOf[i] >= 0 ? TensorPrimitives.Dot(masks[gapOf[i]].AsSpan(0, count), mask) : presentInBlock[g];
                }
            }
        }

        return sums;
    }

    /// <summary>Running sums: A products of centred values; T, Q their sums and squares; B, C, N the same under each gapped column's presence.</summary>
    private sealed class Sums(int columns, int gaps)
    {
        public double[,] A { get; } = new double[columns, columns];

        public double[] T { get; } = new double[columns];

        public double[] Q { get; } = new double[columns];

        public double[,] B { get; } = new double[columns, gaps];

        public double[,] C { get; } = new double[columns, gaps];

        public double[,] N { get; } = new double[columns, gaps];

        public void Add(Sums other)
        {
            for (var i = 0; i < columns; i++)
            {
                T[i] += other.T[i];
                Q[i] += other.Q[i];
                for (var j = 0; j < columns; j++)
                {
                    A[i, j] += other.A[i, j];
                }

                for (var g = 0; g < gaps; g++)
                {
                    B[i, g] += other.B[i, g];
                    C[i, g] += other.C[i, g];
                    N[i, g] += other.N[i, g];
                }
            }
        }
    }
}
