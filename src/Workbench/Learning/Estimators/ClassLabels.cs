using System.Globalization;

namespace Workbench.Learning.Estimators;

/// <summary>
/// The classes a classifier was fitted on, sorted as scikit-learn's <c>classes_</c> (integers numerically,
/// strings ordinally), and the mapping between labels and class indices 0 … K − 1.
/// </summary>
public sealed class ClassLabels
{
    private readonly Dictionary<string, int> _index;

    private ClassLabels(string[] names, int[]? integers)
    {
        Names = names;
        Integers = integers;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            _index[names[i]] = i;
        }
    }

    /// <summary>Class names in sorted order (integers written in invariant culture).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The integer labels when the classifier was fitted on integers, else null.</summary>
    public IReadOnlyList<int>? Integers { get; }

    public int Count => Names.Count;

    public static ClassLabels FromNames(IEnumerable<string> names) => new(names.Distinct().Order(StringComparer.Ordinal).ToArray(), null);

    public static ClassLabels FromIntegers(IEnumerable<int> labels)
    {
        var sorted = labels.Distinct().Order().ToArray();
        return new ClassLabels(sorted.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(), sorted);
    }

    /// <summary>Restores saved classes (persistence): names in order, integers when they were integers.</summary>
    public static ClassLabels Restore(IReadOnlyList<string> names, bool integers) =>
        new([.. names], integers ? names.Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray() : null);

    /// <summary>Class index of each label; an unseen label fails naming its row.</summary>
    public int[] Encode(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var ids = new int[labels.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = labels[i] is { } label && _index.TryGetValue(label, out var id)
                ? id
                : throw new ArgumentException($"Label '{labels[i]}' at row {i} is not one of the classes [{string.Join(", ", Names)}].", nameof(labels));
        }

        return ids;
    }

    public int[] Encode(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (Integers is null)
        {
            return Encode(labels.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        }

        var index = new Dictionary<int, int>(Integers.Count);
        for (var i = 0; i < Integers.Count; i++)
        {
            index[Integers[i]] = i;
        }

        var ids = new int[labels.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = index.TryGetValue(labels[i], out var id)
                ? id
                : throw new ArgumentException($"Label {labels[i]} at row {i} is not one of the classes [{string.Join(", ", Names)}].", nameof(labels));
        }

        return ids;
    }

    public string[] Decode(IReadOnlyList<int> classIds) => classIds.Select(id => Names[id]).ToArray();

    public int[] DecodeIntegers(IReadOnlyList<int> classIds)
    {
        var integers = Integers ?? throw new InvalidOperationException($"The classifier was fitted on string labels [{string.Join(", ", Names)}]; use Predict for them.");
        return classIds.Select(id => integers[id]).ToArray();
    }
}
