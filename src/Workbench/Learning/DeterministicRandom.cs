namespace Workbench.Learning;

/// <summary>
/// A counter-based generator (SplitMix64 over <c>(seed, counter)</c>): the same seed gives the same stream on
/// every machine, device and thread count, and its whole state is two integers, so a checkpoint restores it
/// exactly (<see cref="State"/>). Element-indexed draws (<see cref="Hash"/>) let parallel kernels and GPU
/// backends produce identical dropout masks without sharing a sequential state.
/// </summary>
public sealed class DeterministicRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private static DeterministicRandom _shared = new(0);
    private readonly ulong _key;

    public DeterministicRandom(ulong seed, ulong counter = 0)
    {
        Seed = seed;
        Counter = counter;
        _key = Mix(seed);
    }

    public DeterministicRandom(RandomState state)
        : this(state.Seed, state.Counter)
    {
    }

    /// <summary>
    /// The generator layers draw initial weights from when none is passed: seed 0 at start-up, reset with
    /// <see cref="ManualSeed"/> (like <c>torch.manual_seed</c>). Estimators never use it; they own a generator
    /// seeded from their <c>RandomState</c>.
    /// </summary>
    public static DeterministicRandom Shared => Volatile.Read(ref _shared);

    public ulong Seed { get; }

    /// <summary>Draws taken so far.</summary>
    public ulong Counter { get; private set; }

    /// <summary>Everything needed to continue this stream later.</summary>
    public RandomState State => new(Seed, Counter);

    /// <summary>Restarts <see cref="Shared"/> from <paramref name="seed"/>.</summary>
    public static void ManualSeed(ulong seed) => Volatile.Write(ref _shared, new DeterministicRandom(seed));

    /// <summary>A statistically independent generator for sub-stream <paramref name="stream"/> (for example one per layer).</summary>
    public static DeterministicRandom ForStream(ulong seed, ulong stream) => new(Mix(Mix(seed) ^ Mix(stream + Golden)));

    /// <summary>The draw for element <paramref name="index"/> of stream (<paramref name="seed"/>, <paramref name="stream"/>): a pure function.</summary>
    public static ulong Hash(ulong seed, ulong stream, ulong index) => Mix(Mix(Mix(seed) ^ Mix(stream + Golden)) + (index * Golden));

    /// <summary>A uniform float in [0, 1) from 24 bits of <see cref="Hash"/>.</summary>
    public static float HashToUnitFloat(ulong hash) => (hash >> 40) * (1f / (1 << 24));

    public ulong NextUInt64()
    {
        Counter++;
        return Mix(_key + (Counter * Golden));
    }

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        return (int)(((UInt128)NextUInt64() * (ulong)exclusiveMax) >> 64);
    }

    /// <summary>A standard normal draw (Box–Muller on two uniforms; no cached spare, so the state stays two integers).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public void FillUniform(Span<float> destination, float low, float high)
    {
        var range = high - low;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = low + (range * NextFloat());
        }
    }

    public void FillNormal(Span<float> destination, float mean, float standardDeviation)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)(mean + (standardDeviation * NextGaussian()));
        }
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0 … n − 1.</summary>
    public int[] Permutation(int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Shuffle(order.AsSpan());
        return order;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The complete state of a <see cref="DeterministicRandom"/>.</summary>
public readonly record struct RandomState(ulong Seed, ulong Counter);
