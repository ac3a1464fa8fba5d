namespace Workbench.Monitoring.Statistics;

/// <summary>
/// The two-sided one-sample Kolmogorov-Smirnov distribution Pr(D_n &gt;= x) (scipy's <c>kstwo.sf(x, n)</c>) and the
/// one-sided Smirnov distribution Pr(D_n+ &gt;= x) (scipy's <c>special.smirnov(n, x)</c>), computed by the same
/// choice of algorithms as scipy 1.10 (Simard and L'Ecuyer 2011): Ruben-Gambino near the ends, Durbin's matrix
/// (Marsaglia-Tsang-Wang), Pomeranz' recursion, Pelz-Good's asymptotic series and twice the exact Smirnov
/// probability in the upper tail. The asymptotic KS two-sample p-value is <c>kstwo.sf(d, round(mn/(m+n)))</c>.
/// </summary>
internal static class KolmogorovDistribution
{
    private const int ScaleExponent = 128;
    private static readonly double Big = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double Small = Math.ScaleB(1.0, -ScaleExponent);

    // Stirling series coefficients B_2j / (2j (2j - 1)), j = 8 .. 1 (highest power first).
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>Pr(D_n &gt;= x) for the two-sided statistic of a sample of <paramref name="n"/>.</summary>
    public static double TwoSidedSurvival(long n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        // kstwo's support is [0.5 / n, 1]: at or below it the survival is 1, at or above 1 it is 0.
        if (x <= 0.5 / n)
        {
            return 1.0;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            // Ruben-Gambino: 1/2n <= x <= 1/n.
            double product;
            if (n <= 140)
            {
                product = 1.0;
                for (var i = 1; i <= n; i++)
                {
                    product *= i * (1.0 / n) * ((2 * t) - 1);
                }
            }
            else
            {
                product = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - product);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrix(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - Pomeranz((int)n, x));
            }

            return Clip(2 * SmirnovSurvival(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        var cdf = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrix(n, x) : PelzGood(n, x);
        return Clip(1.0 - cdf);
    }

    /// <summary>
    /// Pr(D_n+ &gt;= x), the one-sided Smirnov statistic, by the exact Birnbaum-Tingey sum
    /// <c>x Σ_{v=0}^{⌊n(1-x)⌋} C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v)</c>, whose terms are all positive; the
    /// sum is accumulated in logarithms so large n neither overflows nor loses precision.
    /// </summary>
    public static double SmirnovSurvival(long n, double x)
    {
        if (!(n > 0 && x >= 0.0 && x <= 1.0))
        {
            return double.NaN;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        var nx = n * x;
        var last = (long)Math.Floor(n * (1.0 - x));
        var logs = new double[last + 1];
        var logBinomial = 0.0;
        var max = double.NegativeInfinity;
        var count = 0;
        for (long v = 0; v <= last; v++)
        {
            if (v > 0)
            {
                logBinomial += Math.Log(n - v + 1) - Math.Log(v);
            }

            var remaining = (n - v - nx) / n;
            double logTerm;
            if (remaining <= 0)
            {
                if (n - v != 0)
                {
                    continue;
                }

                logTerm = logBinomial + ((v - 1) * Math.Log((nx + v) / n));
            }
            else
            {
                logTerm = logBinomial + ((v - 1) * Math.Log((nx + v) / n)) + ((n - v) * Math.Log(remaining));
            }

            logs[count++] = logTerm;
            max = Math.Max(max, logTerm);
        }

        if (count == 0)
        {
            return 0.0;
        }

        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += Math.Exp(logs[i] - max);
        }

        return Clip(Math.Exp(Math.Log(x) + max + Math.Log(sum)));
    }

    /// <summary>Pr(D_n &lt;= d) by Durbin's matrix algorithm as Marsaglia, Tsang and Wang evaluate it.</summary>
    internal static double DurbinMatrix(long n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var v = new double[m];
        var w = new double[m];
        var factorial = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = factorial;
            factorial /= j;
            v[j - 1] *= factorial;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * factorial;

        var matrix = new double[m * m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                matrix[(r * m) + i] = w[r - (i - 1)];
            }
        }

        for (var r = 0; r < m; r++)
        {
            matrix[r * m] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            matrix[((m - 1) * m) + c] = v[m - 1 - c];
        }

        var power = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            power[(i * m) + i] = 1.0;
        }

        var scratch = new double[m * m];
        var exponent = 0;
        var matrixExponent = 0;
        var remaining = n;
        while (remaining > 0)
        {
            if ((remaining & 1) == 1)
            {
                Multiply(power, matrix, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += matrixExponent;
            }

            Multiply(matrix, matrix, scratch, m);
            (matrix, scratch) = (scratch, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[((k - 1) * m) + k - 1]) > Big)
            {
                for (var i = 0; i < matrix.Length; i++)
                {
                    matrix[i] /= Big;
                }

                matrixExponent += ScaleExponent;
            }

            remaining /= 2;
        }

        var p = power[((k - 1) * m) + k - 1];
        for (long i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Small)
            {
                p *= Big;
                exponent -= ScaleExponent;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Clip(p);
    }

    /// <summary>Pr(D_n &lt;= x) by Pomeranz' recursion (n &lt;= 140 in scipy's selection).</summary>
    internal static double Pomeranz(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilF = f > 0 ? 1 : 0;
        var roundF = f > 0.5 ? 1 : 0;
        var powers = 2 * (ll + 1);
        var gPower = new double[powers];
        var twoGPower = new double[powers];
        var oneMinusTwoGPower = new double[powers];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
        var exponent = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < powers; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[powers];
        var v1 = new double[powers];
        v1[0] = 1;
        int v0Start = 0, v1Start = 0;
        var (j1, _) = PomeranzBounds(0, n, ll, ceilF, roundF);
        for (var i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0Start, v1Start) = (v1Start, v0Start);
            Array.Clear(v1);
            (j1, var j2) = PomeranzBounds(i, n, ll, ceilF, roundF);
            var weights = i == 1 || i == (2 * n) + 1 ? gPower : i % 2 == 1 ? twoGPower : oneMinusTwoGPower;
            var length = j2 - k1 + 1;
            if (length <= 0)
            {
                continue;
            }

            var from = k1 - v0Start;
            var a = v0.AsSpan(Math.Min(from, v0.Length), Math.Max(0, Math.Min(length, v0.Length - from)));
            var b = weights.AsSpan(0, Math.Min(length, weights.Length));
            var convolution = Convolve(a, b);
            var start = j1 - k1;
            var count = j2 - j1 + 1;
            for (var c = 0; c < count && start + c < convolution.Length; c++)
            {
                v1[c] = convolution[start + c];
            }

            var largest = v1.Max();
            if (largest > 0 && largest < Small)
            {
                for (var c = 0; c < v1.Length; c++)
                {
                    v1[c] *= Big;
                }

                exponent -= ScaleExponent;
            }

            v1Start = v0Start + j1 - k1;
        }

        var answer = v1[n - v1Start];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Big)
            {
                answer *= Small;
                exponent += ScaleExponent;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Clip(answer);
    }

    /// <summary>Pelz and Good's approximation to Pr(D_n &lt;= x) (the Li-Chien / Korolyuk expansion for small z = x√n).</summary>
    internal static double PelzGood(long n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        var piSquared = Math.PI * Math.PI;
        var piFour = piSquared * piSquared;
        var piSix = piFour * piSquared;
        var z = Math.Sqrt(n) * x;
        double zSquared = z * z, zThree = zSquared * z, zFour = zSquared * zSquared, zSix = zFour * zSquared;
        var qLog = -piSquared / 8 / zSquared;
        if (qLog < -708)
        {
            return 0.0;
        }

        var q = Math.Exp(qLog);
        var k1a = -zSquared;
        var k1b = piSquared / 4;
        var k2a = (6 * zSix) + (2 * zFour);
        var k2b = ((2 * zFour) - (5 * zSquared)) * piSquared / 4;
        var k2c = piFour * (1 - (2 * zSquared)) / 16;
        var k3d = piSix * (5 - (30 * zSquared)) / 64;
        var k3c = piFour * ((-60 * zSquared) + (212 * zFour)) / 16;
        var k3b = piSquared * ((135 * zFour) - (96 * zSix)) / 4;
        var k3a = (-30 * zSix) - (90 * Math.Pow(z, 8));

        Span<double> terms = stackalloc double[4];
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double mSquared = m * m, mFour = mSquared * mSquared, mSix = mFour * mSquared;
            var qPower = Math.Pow(q, 8 * k);
            terms[0] = (terms[0] * qPower) + 1.0;
            terms[1] = (terms[1] * qPower) + k1a + (k1b * mSquared);
            terms[2] = (terms[2] * qPower) + k2a + (k2b * mSquared) + (k2c * mFour);
            terms[3] = (terms[3] * qPower) + k3a + (k3b * mSquared) + (k3c * mFour) + (k3d * mSix);
        }

        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        for (var i = 0; i < 4; i++)
        {
            terms[i] *= q * sqrt2Pi;
        }

        terms[0] /= z;
        terms[1] /= 6 * zFour;
        terms[2] /= 72 * Math.Pow(z, 7);
        terms[3] /= 6480 * Math.Pow(z, 10);

        var q2 = Math.Exp(-piSquared / 2 / zSquared);
        double k2Extra = 0, k3Extra = 0;
        var sqrt3z = Math.Sqrt(3) * z;
        for (var k = maxK; k > 0; k--)
        {
            double kSquared = (double)k * k;
            var qPower = Math.Pow(q2, kSquared);
            k2Extra += kSquared * qPower;
            var kPi = Math.PI * k;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower;
        }

        terms[2] += k2Extra * piSquared * sqrt2Pi / (-36 * zThree);
        terms[3] += k3Extra * piSquared * sqrt2Pi / (216 * zSix);
        return terms[0] + (terms[1] / Math.Sqrt(n)) + (terms[2] / n) + (terms[3] / Math.Pow(n, 1.5));
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilF, int roundF)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilF - 1;
            j2 = ll + ceilF - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilF - 1;
                    j2 = n + ll + ceilF - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundF - 1;
                    j2 = half + ll - 1 + ceilF - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundF - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    private static double[] Convolve(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return [];
        }

        var result = new double[a.Length + b.Length - 1];
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                result[i + j] += a[i] * b[j];
            }
        }

        return result;
    }

    private static void Multiply(double[] left, double[] right, double[] result, int m)
    {
        Array.Clear(result);
        for (var i = 0; i < m; i++)
        {
            for (var k = 0; k < m; k++)
            {
                var a = left[(i * m) + k];
                if (a == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[(i * m) + j] += a * right[(k * m) + j];
                }
            }
        }
    }

    /// <summary>log(n! / n^n) by Stirling's series, with n log n removed up front.</summary>
    private static double LogFactorialOverPower(long n)
    {
        var rn = 1.0 / n;
        var x = rn / n;
        var polynomial = 0.0;
        foreach (var coefficient in StirlingCoefficients)
        {
            polynomial = (polynomial * x) + coefficient;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * polynomial);
    }

    private static double Clip(double p) => double.IsNaN(p) ? p : Math.Clamp(p, 0.0, 1.0);
}
