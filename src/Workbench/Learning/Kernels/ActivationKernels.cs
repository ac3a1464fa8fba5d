using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace Workbench.Learning.Kernels;

/// <summary>Forward and backward element-wise kernels for activations, vectorised where the math allows.</summary>
internal static class ActivationKernels
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    /// <summary>Numerical Recipes' erfc fit, highest power first.</summary>
    private static readonly double[] ErfcCoefficients =
    [
        0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807,
        -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223,
    ];

    /// <summary>Exact GELU, <c>x · Φ(x)</c>, computed in double (PyTorch's default, not the tanh approximation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gelu(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            double v = x[i];
            y[i] = (float)(0.5 * v * (1.0 + Erf(v * InverseSqrt2)));
        }
    }

    /// <summary><c>dx = dy · (Φ(x) + x · φ(x))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GeluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (var i = 0; i < x.Length; i++)
        {
            double v = x[i];
            var cdf = 0.5 * (1.0 + Erf(v * InverseSqrt2));
            var pdf = InverseSqrt2Pi * Math.Exp(-0.5 * v * v);
            dx[i] = (float)(dy[i] * (cdf + (v * pdf)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= x.Length - width; i += width)
            {
                var positive = Vector.GreaterThan(new Vector<float>(x.Slice(i, width)), Vector<float>.Zero);
                Vector.ConditionalSelect(positive, new Vector<float>(dy.Slice(i, width)), Vector<float>.Zero).CopyTo(dx.Slice(i, width));
            }
        }

        for (; i < x.Length; i++)
        {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    /// <summary><c>dx = dy · y · (1 − y)</c> from the sigmoid's output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= y.Length - width; i += width)
            {
                var output = new Vector<float>(y.Slice(i, width));
                (new Vector<float>(dy.Slice(i, width)) * output * (Vector<float>.One - output)).CopyTo(dx.Slice(i, width));
            }
        }

        for (; i < y.Length; i++)
        {
            dx[i] = dy[i] * y[i] * (1f - y[i]);
        }
    }

    /// <summary><c>dx = dy · (1 − y²)</c> from tanh's output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= y.Length - width; i += width)
            {
                var output = new Vector<float>(y.Slice(i, width));
                (new Vector<float>(dy.Slice(i, width)) * (Vector<float>.One - (output * output))).CopyTo(dx.Slice(i, width));
            }
        }

        for (; i < y.Length; i++)
        {
            dx[i] = dy[i] * (1f - (y[i] * y[i]));
        }
    }

    /// <summary>Inverted-dropout mask for elements [start, start + length) of stream (seed, stream).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DropoutMask(Span<float> mask, int start, float p, ulong seed, ulong stream)
    {
        var scale = 1f / (1f - p);
        for (var i = 0; i < mask.Length; i++)
        {
            var draw = DeterministicRandom.HashToUnitFloat(DeterministicRandom.Hash(seed, stream, (ulong)(start + i)));
            mask[i] = draw >= p ? scale : 0f;
        }
    }

    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result) => TensorPrimitives.Multiply(a, b, result);

    /// <summary>erf with fractional error below 1.2e-7 (Numerical Recipes' Chebyshev fit of erfc).</summary>
    public static double Erf(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var polynomial = 0.0;
        foreach (var coefficient in ErfcCoefficients)
        {
            polynomial = (polynomial * t) + coefficient;
        }

        var erfc = t * Math.Exp((-z * z) + polynomial);
        return x >= 0 ? 1.0 - erfc : erfc - 1.0;
    }
}
