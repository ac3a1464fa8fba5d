using System.Numerics.Tensors;

namespace Workbench.Benchmarks.Tracking;

/// <summary>
/// A stand-in for one minibatch step of a digits MLP (64 inputs → 128 ReLU → 10 softmax, batch 64, SGD): the
/// same arithmetic (forward, cross-entropy, backward, update) on fixed random data, so the step takes as long as
/// a real one would while the library's own MLP is written elsewhere. Deterministic (seed 42).
/// </summary>
public sealed class SyntheticTrainingStep
{
    private const int Batch = 64, Inputs = 64, Hidden = 128, Classes = 10;
    private readonly float[] _x = new float[Batch * Inputs];
    private readonly int[] _y = new int[Batch];
    private readonly float[] _w1 = new float[Hidden * Inputs];
    private readonly float[] _w2 = new float[Classes * Hidden];
    private readonly float[] _h = new float[Batch * Hidden];
    private readonly float[] _p = new float[Batch * Classes];
    private readonly float[] _dh = new float[Hidden];
    private readonly float[] _gw1 = new float[Hidden * Inputs];
    private readonly float[] _gw2 = new float[Classes * Hidden];

    public SyntheticTrainingStep()
    {
        var random = new Random(42);
        for (var i = 0; i < _x.Length; i++)
        {
            _x[i] = (float)random.NextDouble() * 16;
        }

        for (var i = 0; i < _y.Length; i++)
        {
            _y[i] = random.Next(Classes);
        }

        for (var i = 0; i < _w1.Length; i++)
        {
            _w1[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        }

        for (var i = 0; i < _w2.Length; i++)
        {
            _w2[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        }
    }

    /// <summary>One step; returns (loss, accuracy) of the batch.</summary>
    public (double Loss, double Accuracy) Step(float learningRate = 0.001f)
    {
        Array.Clear(_gw1);
        Array.Clear(_gw2);
        double loss = 0;
        var correct = 0;
        for (var b = 0; b < Batch; b++)
        {
            var x = _x.AsSpan(b * Inputs, Inputs);
            var h = _h.AsSpan(b * Hidden, Hidden);
            for (var j = 0; j < Hidden; j++)
            {
                h[j] = Math.Max(0, TensorPrimitives.Dot(_w1.AsSpan(j * Inputs, Inputs), x));
            }

            var p = _p.AsSpan(b * Classes, Classes);
            for (var k = 0; k < Classes; k++)
            {
                p[k] = TensorPrimitives.Dot(_w2.AsSpan(k * Hidden, Hidden), h);
            }

            TensorPrimitives.SoftMax(p, p);
            loss -= Math.Log(Math.Max(p[_y[b]], 1e-12f));
            correct += TensorPrimitives.IndexOfMax(p) == _y[b] ? 1 : 0;
            p[_y[b]] -= 1;
            Array.Clear(_dh);
            for (var k = 0; k < Classes; k++)
            {
                TensorPrimitives.MultiplyAdd(h, p[k], _gw2.AsSpan(k * Hidden, Hidden), _gw2.AsSpan(k * Hidden, Hidden));
                TensorPrimitives.MultiplyAdd(_w2.AsSpan(k * Hidden, Hidden), p[k], _dh, _dh);
            }

            for (var j = 0; j < Hidden; j++)
            {
                if (h[j] > 0)
                {
                    TensorPrimitives.MultiplyAdd(x, _dh[j], _gw1.AsSpan(j * Inputs, Inputs), _gw1.AsSpan(j * Inputs, Inputs));
                }
            }
        }

        TensorPrimitives.MultiplyAdd(_gw1, -learningRate / Batch, _w1, _w1);
        TensorPrimitives.MultiplyAdd(_gw2, -learningRate / Batch, _w2, _w2);
        return (loss / Batch, (double)correct / Batch);
    }
}
