namespace Workbench.Learning.Kernels;

/// <summary>
/// Walks up to three same-shaped strided operands in row-major order as runs along the innermost dimension,
/// after merging dimensions that are contiguous in every operand (so dense data is one run).
/// </summary>
internal static class StridedLoop
{
    /// <summary>Invokes <paramref name="run"/>(offsets, length, innerStrides) for each innermost run.</summary>
    public static void ForEachRun(int[] shape, int[][] strides, int[] offsets, RunAction run)
    {
        var (dims, dimStrides) = Coalesce(shape, strides);
        var operands = strides.Length;
        var rank = dims.Length;
        var current = (int[])offsets.Clone();
        if (rank == 0)
        {
            run(current, 1, new int[operands]);
            return;
        }

        if (dims.Any(d => d == 0))
        {
            return;
        }

        var inner = new int[operands];
        for (var o = 0; o < operands; o++)
        {
            inner[o] = dimStrides[o][rank - 1];
        }

        var length = dims[rank - 1];
        var index = new int[rank];
        while (true)
        {
            run(current, length, inner);
            var d = rank - 2;
            while (d >= 0)
            {
                index[d]++;
                for (var o = 0; o < operands; o++)
                {
                    current[o] += dimStrides[o][d];
                }

                if (index[d] < dims[d])
                {
                    break;
                }

                for (var o = 0; o < operands; o++)
                {
                    current[o] -= dimStrides[o][d] * dims[d];
                }

                index[d] = 0;
                d--;
            }

            if (d < 0)
            {
                return;
            }
        }
    }

    private static (int[] Dims, int[][] Strides) Coalesce(int[] shape, int[][] strides)
    {
        var dims = new List<int>();
        var merged = strides.Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1 && shape.Length > 1)
            {
                continue;
            }

            if (dims.Count > 0 && strides.Select((s, o) => merged[o][^1] == s[d] * shape[d]).All(x => x))
            {
                dims[^1] *= shape[d];
                for (var o = 0; o < strides.Length; o++)
                {
                    merged[o][^1] = strides[o][d];
                }

                continue;
            }

            dims.Add(shape[d]);
            for (var o = 0; o < strides.Length; o++)
            {
                merged[o].Add(strides[o][d]);
            }
        }

        return (dims.ToArray(), merged.Select(m => m.ToArray()).ToArray());
    }

    public delegate void RunAction(int[] offsets, int length, int[] innerStrides);
}
