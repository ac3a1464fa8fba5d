namespace Workbench.Learning.Tensors;

/// <summary>Shape arithmetic shared by tensors and backends: counts, row-major strides, broadcasting.</summary>
public static class TensorShape
{
    public static int CountOf(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var size in shape)
        {
            count *= size;
        }

        return count <= int.MaxValue
            ? (int)count
            : throw new ArgumentException($"A tensor of shape {Format(shape)} has {count} elements; the limit is {int.MaxValue}.");
    }

    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= Math.Max(shape[d], 1);
        }

        return strides;
    }

    public static bool IsContiguous(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        var expected = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] != 1 && strides[d] != expected)
            {
                return false;
            }

            expected *= shape[d];
        }

        return true;
    }

    /// <summary>Validates sizes and resolves one <c>-1</c> (inferred) dimension against <paramref name="count"/>.</summary>
    public static int[] Resolve(ReadOnlySpan<int> shape, int count)
    {
        var resolved = shape.ToArray();
        var inferred = -1;
        long known = 1;
        for (var d = 0; d < resolved.Length; d++)
        {
            if (resolved[d] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"Only one dimension can be -1 in {Format(shape)}.");
                }

                inferred = d;
            }
            else if (resolved[d] < 0)
            {
                throw new ArgumentException($"Negative size {resolved[d]} in shape {Format(shape)}.");
            }
            else
            {
                known *= resolved[d];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw new ArgumentException($"Cannot infer -1 in {Format(shape)} for {count} elements.");
            }

            resolved[inferred] = (int)(count / known);
        }
        else if (known != count)
        {
            throw new ArgumentException($"Shape {Format(shape)} holds {known} elements, not {count}.");
        }

        return resolved;
    }

    /// <summary>NumPy broadcasting: align trailing dimensions; sizes must match or be 1.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"Shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {i}: {da} vs {db}).");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
