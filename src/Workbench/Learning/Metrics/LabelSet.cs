namespace Workbench.Learning.Metrics;

/// <summary>The sorted distinct labels of one or more label lists, and each label's index (scikit-learn's <c>unique_labels</c>).</summary>
internal sealed class LabelSet<T>
    where T : notnull
{
    private readonly Dictionary<T, int> _index;

    public LabelSet(IEnumerable<T> labels)
    {
        Labels = labels.Distinct().Order(Comparer<T>.Default).ToArray();
        _index = new Dictionary<T, int>();
        for (var i = 0; i < Labels.Length; i++)
        {
            _index[Labels[i]] = i;
        }
    }

    public T[] Labels { get; }

    public int Count => Labels.Length;

    public int IndexOf(T label) => _index.TryGetValue(label, out var index)
        ? index
        : throw new ArgumentException($"Label '{label}' is not among the known labels [{string.Join(", ", Labels)}].");

    public bool Contains(T label) => _index.ContainsKey(label);

    public static void RequireSameLength<TA, TB>(IReadOnlyList<TA> a, IReadOnlyList<TB> b, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a, nameA);
        ArgumentNullException.ThrowIfNull(b, nameB);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"{nameA} has {a.Count} entries but {nameB} has {b.Count}.");
        }

        if (a.Count == 0)
        {
            throw new ArgumentException($"{nameA} is empty.");
        }
    }

    /// <summary>
    /// The positive label of a binary problem: the one given, else 1 when the labels are {0, 1} or {−1, 1}
    /// (scikit-learn's default); otherwise the caller must name it.
    /// </summary>
    public T PositiveLabel(object? positiveLabel)
    {
        if (positiveLabel is T given)
        {
            return given;
        }

        if (positiveLabel is not null)
        {
            throw new ArgumentException($"positiveLabel '{positiveLabel}' is a {positiveLabel.GetType().Name}; the labels are {typeof(T).Name}.");
        }

        if (typeof(T) == typeof(int) && Labels.All(l => (int)(object)l is 0 or 1 or -1))
        {
            return (T)(object)1;
        }

        throw new ArgumentException($"Name the positive class (positiveLabel) for labels [{string.Join(", ", Labels)}].");
    }
}
