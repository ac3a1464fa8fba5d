using Workbench.Serving.Protocol;

namespace Workbench.Serving.Routing;

/// <summary>
/// Picks the production variant for each request, as SageMaker does: the variant named by
/// <c>X-Amzn-SageMaker-Target-Variant</c> when given; else, with an <c>X-Amzn-SageMaker-Inference-Id</c>, a stable hash of
/// the id (the same id always lands on the same variant while weights stay put); else at random by weight. Weights
/// change atomically (<see cref="UpdateWeights"/>): a request reads one snapshot of the table, so none is dropped or
/// sent to a half-updated table.
/// </summary>
public sealed class VariantRouter
{
    private readonly Dictionary<string, Variant> _byName;
    private Table _table;

    public VariantRouter(IReadOnlyList<(Variant Variant, double Weight)> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        _byName = variants.ToDictionary(v => v.Variant.Name, v => v.Variant, StringComparer.Ordinal);
        Shadows = variants.Where(v => v.Variant.Shadow).Select(v => v.Variant).ToArray();
        _table = Build(variants.Where(v => !v.Variant.Shadow).ToDictionary(v => v.Variant.Name, v => v.Weight, StringComparer.Ordinal));
    }

    /// <summary>Every variant, shadows included.</summary>
    public IReadOnlyCollection<Variant> Variants => _byName.Values;

    /// <summary>The variants that get a copy of traffic but never answer.</summary>
    public IReadOnlyList<Variant> Shadows { get; }

    /// <summary>The current weights of the serving (non-shadow) variants.</summary>
    public IReadOnlyDictionary<string, double> Weights => Volatile.Read(ref _table).Weights;

    public Variant this[string name] => _byName[name];

    /// <summary>Replaces the weights of the named variants (others keep theirs); at least one weight must stay positive.</summary>
    /// <exception cref="ArgumentException">An unknown or shadow variant, a negative or non-finite weight, or all weights zero.</exception>
    public void UpdateWeights(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        lock (_byName)
        {
            var next = new Dictionary<string, double>(Volatile.Read(ref _table).Weights, StringComparer.Ordinal);
            foreach (var (name, weight) in weights)
            {
                if (!next.ContainsKey(name))
                {
                    throw new ArgumentException(_byName.ContainsKey(name)
                        ? $"Variant '{name}' is a shadow variant; it takes no traffic weight."
                        : $"No variant '{name}'; the endpoint has {string.Join(", ", next.Keys)}.", nameof(weights));
                }

                next[name] = weight;
            }

            Volatile.Write(ref _table, Build(next));
        }
    }

    /// <summary>The variant for one request.</summary>
    /// <exception cref="ServingException">400 for an unknown target variant.</exception>
    public Variant Select(string? targetVariant, string? inferenceId)
    {
        if (!string.IsNullOrEmpty(targetVariant))
        {
            return _byName.TryGetValue(targetVariant, out var target) && !target.Shadow
                ? target
                : throw ServingException.BadRequest("unknown_variant",
                    $"X-Amzn-SageMaker-Target-Variant names '{MediaTypes.Truncate(targetVariant)}', which this endpoint does not serve; it serves {string.Join(", ", Weights.Keys)}.");
        }

        var table = Volatile.Read(ref _table);
        if (table.Names.Length == 1)
        {
            return _byName[table.Names[0]];
        }

        var draw = (string.IsNullOrEmpty(inferenceId) ? Random.Shared.NextDouble() : StableHash.Unit(inferenceId)) * table.Total;
        for (var i = 0; i < table.Cumulative.Length; i++)
        {
            if (draw < table.Cumulative[i])
            {
                return _byName[table.Names[i]];
            }
        }

        return _byName[table.Names[^1]];
    }

    private static Table Build(Dictionary<string, double> weights)
    {
        if (weights.Count == 0)
        {
            throw new ArgumentException("An endpoint needs at least one variant that is not a shadow.");
        }

        foreach (var (name, weight) in weights)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException($"Variant '{name}' has weight {weight}; weights are finite and not negative.");
            }
        }

        var names = weights.Where(w => w.Value > 0).Select(w => w.Key).ToArray();
        if (names.Length == 0)
        {
            throw new ArgumentException($"Every variant would have weight 0 ({string.Join(", ", weights.Keys)}); at least one must take traffic.");
        }

        var cumulative = new double[names.Length];
        var total = 0.0;
        for (var i = 0; i < names.Length; i++)
        {
            total += weights[names[i]];
            cumulative[i] = total;
        }

        return new Table(new Dictionary<string, double>(weights, StringComparer.Ordinal), names, cumulative, total);
    }

    private sealed record Table(IReadOnlyDictionary<string, double> Weights, string[] Names, double[] Cumulative, double Total);
}
