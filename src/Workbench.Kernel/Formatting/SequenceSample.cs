using System.Collections;

namespace Workbench.Kernel.Formatting;

/// <summary>
/// The first rows of a sequence and how many there are in all, enumerating it once and never past a cap,
/// so a lazy or endless sequence cannot hang a cell's display.
/// </summary>
internal sealed class SequenceSample
{
    public const int CountCap = 100_000;

    private SequenceSample(List<object?> items, long total, bool totalIsLowerBound)
    {
        Items = items;
        Total = total;
        TotalIsLowerBound = totalIsLowerBound;
    }

    public IReadOnlyList<object?> Items { get; }

    public long Total { get; }

    /// <summary>True when counting stopped at <see cref="CountCap"/>.</summary>
    public bool TotalIsLowerBound { get; }

    public long Hidden => Total - Items.Count;

    public static SequenceSample Take(IEnumerable source, int maxItems)
    {
        var items = new List<object?>(Math.Min(maxItems, 64));
        var known = KnownCount(source);
        long seen = 0;
        var enumerator = source.GetEnumerator();
        try
        {
            while (enumerator.MoveNext())
            {
                if (items.Count < maxItems)
                {
                    items.Add(enumerator.Current);
                }
                else if (known is not null || seen >= CountCap)
                {
                    break;
                }

                seen++;
            }
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }

        var capped = known is null && seen >= CountCap && seen > items.Count;
        return new SequenceSample(items, known ?? seen, capped);
    }

    /// <summary>"… 12 more (32 in total)" or "… more than 99,980 more", or null when nothing is hidden.</summary>
    public string? MoreText(string noun)
    {
        if (Hidden <= 0)
        {
            return null;
        }

        return TotalIsLowerBound
            ? $"… at least {Hidden:N0} more {noun} (stopped counting at {CountCap:N0})"
            : $"… {Hidden:N0} more {noun} ({Total:N0} in total)";
    }

    private static long? KnownCount(IEnumerable source)
    {
        if (source is ICollection collection)
        {
            return collection.Count;
        }

        foreach (var contract in source.GetType().GetInterfaces())
        {
            if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>))
            {
                return (int)contract.GetProperty(nameof(IReadOnlyCollection<int>.Count))!.GetValue(source)!;
            }
        }

        return null;
    }
}
