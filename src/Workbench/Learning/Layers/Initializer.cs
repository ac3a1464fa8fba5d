using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>
/// Fills a parameter from a seeded generator. Values are drawn on the host in a fixed order and then copied to
/// the parameter's device, so a seed gives the same weights on every device. Gains follow
/// <c>torch.nn.init.calculate_gain</c>.
/// </summary>
public abstract record Initializer
{
    /// <summary>Xavier/Glorot uniform: U(−b, b), b = gain·√(6 / (fan_in + fan_out)).</summary>
    public static Initializer XavierUniform(double gain = 1.0) => new Drawn("xavier_uniform", (fanIn, fanOut) => (Uniform: true, Scale: gain * Math.Sqrt(6.0 / (fanIn + fanOut))));

    /// <summary>Xavier/Glorot normal: N(0, σ²), σ = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Initializer XavierNormal(double gain = 1.0) => new Drawn("xavier_normal", (fanIn, fanOut) => (Uniform: false, Scale: gain * Math.Sqrt(2.0 / (fanIn + fanOut))));

    /// <summary>Kaiming/He uniform: U(−b, b), b = gain·√(3 / fan) with fan_in (default) or fan_out.</summary>
    public static Initializer KaimingUniform(double gain = Gains.Relu, bool fanOut = false) =>
        new Drawn("kaiming_uniform", (fanIn, fanOutCount) => (Uniform: true, Scale: gain * Math.Sqrt(3.0 / (fanOut ? fanOutCount : fanIn))));

    /// <summary>Kaiming/He normal: N(0, σ²), σ = gain / √fan.</summary>
    public static Initializer KaimingNormal(double gain = Gains.Relu, bool fanOut = false) =>
        new Drawn("kaiming_normal", (fanIn, fanOutCount) => (Uniform: false, Scale: gain / Math.Sqrt(fanOut ? fanOutCount : fanIn)));

    /// <summary>PyTorch's <c>nn.Linear</c> default for weights and biases: U(−1/√fan_in, 1/√fan_in).</summary>
    public static Initializer LinearDefault() => new Drawn("linear_default", (fanIn, _) => (Uniform: true, Scale: 1.0 / Math.Sqrt(Math.Max(1, fanIn))));

    public static Initializer Uniform(double low = 0.0, double high = 1.0) => new Range(low, high);

    public static Initializer Normal(double mean = 0.0, double standardDeviation = 1.0) => new Gaussian(mean, standardDeviation);

    public static Initializer Zeros() => new Constant(0.0);

    public static Initializer Ones() => new Constant(1.0);

    public static Initializer Value(double value) => new Constant(value);

    /// <summary>Writes initial values into <paramref name="tensor"/>; fans are those of a [fan_out, fan_in] weight.</summary>
    public void Fill(Tensor tensor, int fanIn, int fanOut, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        var values = new float[tensor.Count];
        lock (random)
        {
            Draw(values, Math.Max(1, fanIn), Math.Max(1, fanOut), random);
        }

        tensor.CopyFrom(Tensor.FromArray(tensor.Device, values, [.. tensor.Shape]));
    }

    protected abstract void Draw(Span<float> values, int fanIn, int fanOut, DeterministicRandom random);

    /// <summary>Recommended gains, <c>torch.nn.init.calculate_gain</c>.</summary>
    public static class Gains
    {
        public const double Linear = 1.0;
        public const double Sigmoid = 1.0;
        public const double Tanh = 5.0 / 3.0;
        public const double Relu = 1.4142135623730951;

        public static double LeakyRelu(double negativeSlope = 0.01) => Math.Sqrt(2.0 / (1.0 + (negativeSlope * negativeSlope)));
    }

    private sealed record Drawn(string Name, Func<int, int, (bool Uniform, double Scale)> Spread) : Initializer
    {
        protected override void Draw(Span<float> values, int fanIn, int fanOut, DeterministicRandom random)
        {
            var (uniform, scale) = Spread(fanIn, fanOut);
            if (uniform)
            {
                random.FillUniform(values, (float)-scale, (float)scale);
            }
            else
            {
                random.FillNormal(values, 0f, (float)scale);
            }
        }

        public override string ToString() => Name;
    }

    private sealed record Range(double Low, double High) : Initializer
    {
        protected override void Draw(Span<float> values, int fanIn, int fanOut, DeterministicRandom random) => random.FillUniform(values, (float)Low, (float)High);
    }

    private sealed record Gaussian(double Mean, double StandardDeviation) : Initializer
    {
        protected override void Draw(Span<float> values, int fanIn, int fanOut, DeterministicRandom random) => random.FillNormal(values, (float)Mean, (float)StandardDeviation);
    }

    private sealed record Constant(double Amount) : Initializer
    {
        protected override void Draw(Span<float> values, int fanIn, int fanOut, DeterministicRandom random) => values.Fill((float)Amount);
    }
}
