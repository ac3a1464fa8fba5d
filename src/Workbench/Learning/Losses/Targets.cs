using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Losses;

/// <summary>
/// What a loss compares predictions with: class ids (classification) or float values [N, outputs]
/// (regression, binary or multi-label targets). Held on the host; minibatches gather rows from it.
/// </summary>
public sealed class Targets
{
    private Targets(int[]? classes, float[]? values, int rows, int columns)
    {
        ClassIds = classes;
        Values = values;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Class ids 0 … C − 1, one per row; null for value targets.</summary>
    public int[]? ClassIds { get; }

    /// <summary>Row-major float targets [Rows, Columns]; null for class targets.</summary>
    public float[]? Values { get; }

    public int Rows { get; }

    public int Columns { get; }

    public bool IsClasses => ClassIds is not null;

    public static Targets Classes(int[] classIds)
    {
        ArgumentNullException.ThrowIfNull(classIds);
        return new Targets(classIds, null, classIds.Length, 1);
    }

    /// <summary>Float targets with <paramref name="columns"/> values per row (1 for a single output).</summary>
    public static Targets FromValues(float[] values, int columns = 1)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length % columns != 0)
        {
            throw new ArgumentException($"{values.Length} target values do not fill rows of {columns}.", nameof(values));
        }

        return new Targets(null, values, values.Length / columns, columns);
    }

    /// <summary>The targets of <paramref name="rows"/>, in that order (a minibatch).</summary>
    public Targets Gather(ReadOnlySpan<int> rows)
    {
        if (ClassIds is not null)
        {
            var ids = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                ids[i] = ClassIds[rows[i]];
            }

            return Classes(ids);
        }

        var values = new float[rows.Length * Columns];
        for (var i = 0; i < rows.Length; i++)
        {
            Values.AsSpan(rows[i] * Columns, Columns).CopyTo(values.AsSpan(i * Columns, Columns));
        }

        return FromValues(values, Columns);
    }

    /// <summary>Value targets as a [Rows, Columns] tensor on <paramref name="device"/>.</summary>
    public Tensor ToTensor(Device device)
    {
        var values = Values ?? throw new InvalidOperationException("Class-id targets have no float tensor; use ClassIds.");
        return Tensor.FromArray(device, values, Rows, Columns);
    }
}
