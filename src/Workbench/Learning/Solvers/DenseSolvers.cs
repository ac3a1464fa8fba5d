namespace Workbench.Learning.Solvers;

/// <summary>Small dense solvers in double: Cholesky for symmetric positive-definite systems, Householder QR for least squares.</summary>
public static class DenseSolvers
{
    /// <summary>Solves A·X = B for symmetric positive-definite A [p, p] and B [p, t]; fails naming the pivot when A is not positive definite.</summary>
    public static double[,] CholeskySolve(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var p = a.GetLength(0);
        if (a.GetLength(1) != p || b.GetLength(0) != p)
        {
            throw new ArgumentException($"CholeskySolve needs A [p, p] and B [p, t]; got [{a.GetLength(0)}, {a.GetLength(1)}] and [{b.GetLength(0)}, {b.GetLength(1)}].");
        }

        var l = new double[p, p];
        var largest = 0.0;
        for (var j = 0; j < p; j++)
        {
            largest = Math.Max(largest, Math.Abs(a[j, j]));
        }

        // A pivot this small relative to the diagonal is round-off, not curvature: the matrix is singular.
        var threshold = p * 2.220446049250313e-16 * largest;
        for (var j = 0; j < p; j++)
        {
            var diagonal = a[j, j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= l[j, k] * l[j, k];
            }

            if (!(diagonal > threshold))
            {
                throw new ArithmeticException($"The matrix is not positive definite (pivot {j} is {diagonal:G4}); features may be collinear — increase the regularisation.");
            }

            l[j, j] = Math.Sqrt(diagonal);
            for (var i = j + 1; i < p; i++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = sum / l[j, j];
            }
        }

        var t = b.GetLength(1);
        var x = new double[p, t];
        for (var c = 0; c < t; c++)
        {
            var z = new double[p];
            for (var i = 0; i < p; i++)
            {
                var sum = b[i, c];
                for (var k = 0; k < i; k++)
                {
                    sum -= l[i, k] * z[k];
                }

                z[i] = sum / l[i, i];
            }

            for (var i = p - 1; i >= 0; i--)
            {
                var sum = z[i];
                for (var k = i + 1; k < p; k++)
                {
                    sum -= l[k, i] * x[k, c];
                }

                x[i, c] = sum / l[i, i];
            }
        }

        return x;
    }

    /// <summary>
    /// Least squares min ‖A·X − B‖ for A [n, p] (n ≥ p) by Householder QR. Returns null when A is rank deficient
    /// (a diagonal of R below <c>max(n, p)·ε·|R₀₀|</c>), so the caller can fall back to a minimum-norm solve.
    /// </summary>
    public static double[,]? QrLeastSquares(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.GetLength(0), p = a.GetLength(1), t = b.GetLength(1);
        if (b.GetLength(0) != n)
        {
            throw new ArgumentException($"A has {n} rows but B has {b.GetLength(0)}.");
        }

        if (n < p)
        {
            return null;
        }

        var r = (double[,])a.Clone();
        var q = (double[,])b.Clone();
        for (var k = 0; k < p; k++)
        {
            var norm = 0.0;
            for (var i = k; i < n; i++)
            {
                norm += r[i, k] * r[i, k];
            }

            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                continue;
            }

            var alpha = r[k, k] > 0 ? -norm : norm;
            var v = new double[n - k];
            for (var i = k; i < n; i++)
            {
                v[i - k] = r[i, k];
            }

            v[0] -= alpha;
            var vNorm2 = v.Sum(e => e * e);
            if (vNorm2 == 0)
            {
                continue;
            }

            for (var j = k; j < p; j++)
            {
                Reflect(v, vNorm2, k, r, j, n);
            }

            for (var j = 0; j < t; j++)
            {
                Reflect(v, vNorm2, k, q, j, n);
            }
        }

        var threshold = Math.Max(n, p) * 2.220446049250313e-16 * Math.Abs(r[0, 0]);
        for (var k = 0; k < p; k++)
        {
            if (Math.Abs(r[k, k]) <= threshold)
            {
                return null;
            }
        }

        var x = new double[p, t];
        for (var c = 0; c < t; c++)
        {
            for (var i = p - 1; i >= 0; i--)
            {
                var sum = q[i, c];
                for (var k = i + 1; k < p; k++)
                {
                    sum -= r[i, k] * x[k, c];
                }

                x[i, c] = sum / r[i, i];
            }
        }

        return x;
    }

    /// <summary>Minimum-norm least squares through the SVD (MathNet.Numerics), for rank-deficient designs.</summary>
    public static double[,] MinimumNormLeastSquares(double[,] a, double[,] b)
    {
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a);
        var rhs = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(b);
        return matrix.PseudoInverse().Multiply(rhs).ToArray();
    }

    private static void Reflect(double[] v, double vNorm2, int k, double[,] m, int column, int n)
    {
        var dot = 0.0;
        for (var i = k; i < n; i++)
        {
            dot += v[i - k] * m[i, column];
        }

        var scale = 2.0 * dot / vNorm2;
        for (var i = k; i < n; i++)
        {
            m[i, column] -= scale * v[i - k];
        }
    }
}
