namespace Workbench.Monitoring.Statistics;

/// <summary>
/// A KLL quantile sketch (Karnin, Lang and Liberty 2016) in the layout SageMaker Model Monitor writes into
/// statistics.json (<c>distribution.kll.sketch</c>: parameters <c>c</c> (shrinking factor) and <c>k</c> (sketch size), and
/// <c>data</c>, one array of retained items per compactor level, level 0 first). An item at level h stands for 2^h values.
/// </summary>
/// <remarks>
/// Level h holds at most 2 ⌈k c^(H-h-1)⌉ + 1 items (H levels); a full level is sorted and every other item (alternating
/// offsets, so the sketch is deterministic) moves up a level. Until a level first fills (2k + 1 = 4,097 values with the
/// default k = 2048) the sketch is exact. The rank error of the deterministic variant stays below about 1.7 / k per
/// compaction round in the analysis of Karnin et al.; measured on a million values of four distributions it stays below
/// 0.002 of the values (see KllSketchTests), far inside the 0.1 thresholds of the drift distances that use it.
/// </remarks>
public sealed class KllSketch
{
    /// <summary>Model Monitor's default sketch size.</summary>
    public const int DefaultK = 2048;

    /// <summary>Model Monitor's default shrinking factor.</summary>
    public const double DefaultC = 0.64;

    private readonly List<List<double>> _levels = [[]];
    private readonly List<int> _offsets = [0];
    private long _retained;

    public KllSketch(int k = DefaultK, double c = DefaultC)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 8);
        if (!(c > 0.5 && c < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "the shrinking factor c must lie in (0.5, 1).");
        }

        K = k;
        C = c;
    }

    /// <summary>The sketch size parameter.</summary>
    public int K { get; }

    /// <summary>The shrinking factor.</summary>
    public double C { get; }

    /// <summary>Values summarized.</summary>
    public long Count { get; private set; }

    /// <summary>The retained items per level, level 0 first (Model Monitor's <c>sketch.data</c>).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Levels => _levels;

    /// <summary>Restores a sketch from its parameters and levels (as read from statistics.json).</summary>
    public static KllSketch FromLevels(int k, double c, IReadOnlyList<IReadOnlyList<double>> levels)
    {
        var sketch = new KllSketch(k, c);
        sketch._levels.Clear();
        sketch._offsets.Clear();
        for (var h = 0; h < levels.Count; h++)
        {
            var level = levels[h].ToList();
            if (level.Any(double.IsNaN))
            {
                throw new FormatException($"KLL sketch level {h} holds NaN.");
            }

            sketch._levels.Add(level);
            sketch._offsets.Add(0);
            sketch._retained += level.Count;
            sketch.Count += level.Count * (1L << h);
        }

        if (sketch._levels.Count == 0)
        {
            sketch._levels.Add([]);
            sketch._offsets.Add(0);
        }

        return sketch;
    }

    /// <summary>Adds one value (NaN is ignored: it is a missing value).</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        _levels[0].Add(value);
        _retained++;
        Count++;
        if (_levels[0].Count >= Capacity(0))
        {
            Compress();
        }
    }

    /// <summary>The estimated share of values at or below <paramref name="value"/>.</summary>
    public double Cdf(double value)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        double weight = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            var below = 0;
            foreach (var item in _levels[h])
            {
                if (item <= value)
                {
                    below++;
                }
            }

            weight += below * (double)(1L << h);
        }

        return weight / TotalWeight();
    }

    /// <summary>The estimated <paramref name="q"/> quantile (0 &lt;= q &lt;= 1): the smallest retained item whose cumulative weight reaches q.</summary>
    public double Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        var items = WeightedItems();
        if (items.Length == 0)
        {
            return double.NaN;
        }

        var target = q * TotalWeight();
        double cumulative = 0;
        foreach (var (value, weight) in items)
        {
            cumulative += weight;
            if (cumulative >= target)
            {
                return value;
            }
        }

        return items[^1].Value;
    }

    /// <summary>Every retained item with its weight, sorted by value.</summary>
    public (double Value, double Weight)[] WeightedItems()
    {
        var items = new List<(double, double)>((int)_retained);
        for (var h = 0; h < _levels.Count; h++)
        {
            var weight = (double)(1L << h);
            foreach (var item in _levels[h])
            {
                items.Add((item, weight));
            }
        }

        var array = items.ToArray();
        Array.Sort(array, (a, b) => a.Item1.CompareTo(b.Item1));
        return array;
    }

    private double TotalWeight()
    {
        double total = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            total += _levels[h].Count * (double)(1L << h);
        }

        return total;
    }

    private int Capacity(int height) => (2 * (int)Math.Ceiling(K * Math.Pow(C, _levels.Count - height - 1))) + 1;

    private void Compress()
    {
        for (var h = 0; h < _levels.Count; h++)
        {
            if (_levels[h].Count < Capacity(h))
            {
                continue;
            }

            if (h + 1 >= _levels.Count)
            {
                _levels.Add([]);
                _offsets.Add(0);
            }

            var level = _levels[h];
            level.Sort();
            // An odd item out stays behind so the promoted half is exactly half the compacted weight.
            var kept = level.Count % 2 == 1 ? level[^1] : (double?)null;
            var compacted = kept is null ? level.Count : level.Count - 1;
            var offset = _offsets[h];
            _offsets[h] = 1 - offset;
            var upper = _levels[h + 1];
            for (var i = offset; i < compacted; i += 2)
            {
                upper.Add(level[i]);
            }

            _retained -= compacted / 2;
            level.Clear();
            if (kept is { } item)
            {
                level.Add(item);
            }
        }
    }
}
