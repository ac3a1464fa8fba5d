namespace Workbench.Monitoring.Statistics;

/// <summary>Least-squares polynomial fits (numpy's <c>polyfit</c> / <c>polyval</c>), solved by Householder QR for accuracy.</summary>
internal static class LeastSquares
{
    /// <summary>Coefficients of the degree-<paramref name="degree"/> polynomial fitting y(x), highest power first (as numpy).</summary>
    public static double[] Polynomial(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree)
    {
        var rows = x.Count;
        var columns = degree + 1;
        if (rows < columns)
        {
            throw new ArgumentException($"a degree-{degree} fit needs at least {columns} points, not {rows}.");
        }

        // Vandermonde matrix, highest power first; columns scaled to unit norm as numpy does before solving.
        var a = new double[rows, columns];
        var scale = new double[columns];
        for (var c = 0; c < columns; c++)
        {
            var power = degree - c;
            for (var r = 0; r < rows; r++)
            {
                a[r, c] = Math.Pow(x[r], power);
                scale[c] += a[r, c] * a[r, c];
            }

            scale[c] = Math.Sqrt(scale[c]);
            for (var r = 0; r < rows; r++)
            {
                a[r, c] /= scale[c];
            }
        }

        var b = y.ToArray();
        for (var c = 0; c < columns; c++)
        {
            var norm = 0.0;
            for (var r = c; r < rows; r++)
            {
                norm += a[r, c] * a[r, c];
            }

            norm = Math.Sqrt(norm);
            var alpha = a[c, c] > 0 ? -norm : norm;
            var v = new double[rows];
            v[c] = a[c, c] - alpha;
            for (var r = c + 1; r < rows; r++)
            {
                v[r] = a[r, c];
            }

            var vNorm = 0.0;
            for (var r = c; r < rows; r++)
            {
                vNorm += v[r] * v[r];
            }

            if (vNorm == 0)
            {
                continue;
            }

            for (var cc = c; cc < columns; cc++)
            {
                var dot = 0.0;
                for (var r = c; r < rows; r++)
                {
                    dot += v[r] * a[r, cc];
                }

                for (var r = c; r < rows; r++)
                {
                    a[r, cc] -= 2 * dot / vNorm * v[r];
                }
            }

            var dotB = 0.0;
            for (var r = c; r < rows; r++)
            {
                dotB += v[r] * b[r];
            }

            for (var r = c; r < rows; r++)
            {
                b[r] -= 2 * dotB / vNorm * v[r];
            }
        }

        var solution = new double[columns];
        for (var c = columns - 1; c >= 0; c--)
        {
            var sum = b[c];
            for (var cc = c + 1; cc < columns; cc++)
            {
                sum -= a[c, cc] * solution[cc];
            }

            solution[c] = sum / a[c, c];
        }

        for (var c = 0; c < columns; c++)
        {
            solution[c] /= scale[c];
        }

        return solution;
    }

    /// <summary>Evaluates a polynomial given highest power first (Horner).</summary>
    public static double Evaluate(IReadOnlyList<double> coefficients, double x)
    {
        var value = 0.0;
        foreach (var coefficient in coefficients)
        {
            value = (value * x) + coefficient;
        }

        return value;
    }
}
