namespace Workbench.Learning.Kernels;

/// <summary>
/// Splits work into chunks whose boundaries depend only on the problem size, never on the thread count, so
/// reductions combine the same partial sums in the same order whether one thread runs or many.
/// </summary>
internal static class CpuParallel
{
    /// <summary>Elements per chunk for memory-bound element-wise kernels.</summary>
    public const int ElementGrain = 1 << 15;

    public static int ChunkCount(int count, int grain) => count <= 0 ? 0 : ((count - 1) / grain) + 1;

    /// <summary>Calls <paramref name="body"/>(start, length) for each chunk, in parallel when there is more than one.</summary>
    public static void For(int count, int grain, int threads, Action<int, int> body)
    {
        var chunks = ChunkCount(count, grain);
        if (chunks == 0)
        {
            return;
        }

        if (threads <= 1 || chunks == 1)
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var start = chunk * grain;
                body(start, Math.Min(grain, count - start));
            }

            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            var start = chunk * grain;
            body(start, Math.Min(grain, count - start));
        });
    }

    /// <summary>Sums per-chunk partial results in chunk order: the same answer for any thread count.</summary>
    public static double Sum(int count, int grain, int threads, Func<int, int, double> partial)
    {
        var chunks = ChunkCount(count, grain);
        if (chunks <= 1)
        {
            return chunks == 0 ? 0.0 : partial(0, count);
        }

        var partials = new double[chunks];
        For(count, grain, threads, (start, length) => partials[start / grain] = partial(start, length));
        var total = 0.0;
        foreach (var value in partials)
        {
            total += value;
        }

        return total;
    }

    /// <summary>Rows per chunk so that a chunk holds about <see cref="ElementGrain"/> elements.</summary>
    public static int RowGrain(int columns) => Math.Max(1, ElementGrain / Math.Max(1, columns));
}
