using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Workbench.Data.Profiling;

/// <summary>
/// Computes a <see cref="FrameProfile"/>. Order matters for memory: duplicate rows first (their hashes are
/// gone before anything else is allocated), then the numeric columns with gaps (their ranks go into compact
/// row-major matrices), then the complete numeric columns (each sorted once, its Spearman pairs with the
/// gapped columns walked while the sort is at hand), then the other columns, then the correlation passes.
/// </summary>
internal static class Profiler
{
    // Float ranks are exact (integers and halves) up to 2^23.
    private const int MaxSpearmanRows = 1 << 23;
    private const int Lanes = SpearmanPairs.Lanes;

    // Whole-number columns spanning fewer values than this relate to gapped columns through per-value sums.
    private const int SmallRange = 4096;

    public static FrameProfile Run(Frame frame, ProfileOptions options)
    {
        var degree = options.DegreeOfParallelism ?? Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = degree };
        var spearman = options.Spearman && frame.RowCount <= MaxSpearmanRows;
        var rows = frame.RowCount;
        var duplicates = options.DuplicateRows ? DuplicateRows.Count(frame) : (long?)null;

        var numeric = frame.Columns.Select((c, i) => (Column: c, Index: i)).Where(p => p.Column.IsNumeric).ToArray();
        var gapped = numeric.Where(p => Gapped(p.Column)).ToArray();
        var complete = numeric.Where(p => !Gapped(p.Column)).ToArray();
        var profiles = new ColumnProfile[frame.ColumnCount];
        var completeRanks = new Dictionary<int, float[]>();
        var workspaces = new ConcurrentBag<NumericSummary.Workspace>();

        // Gapped columns: profile, then park their ranks four to a row in row-major matrices.
        var matrices = Enumerable.Range(0, spearman ? (gapped.Length + Lanes - 1) / Lanes : 0).Select(_ => NaNMatrix(rows)).ToArray();
        var gappedCounts = new long[matrices.Length * Lanes];
        var gappedSquares = new double[matrices.Length * Lanes];
        Parallel.For(0, gapped.Length, parallel, j =>
        {
            var workspace = workspaces.TryTake(out var w) ? w : new NumericSummary.Workspace(rows);
            var sink = spearman ? new NumericSummary.RankSink(matrices[j / Lanes], Lanes, j % Lanes) : (NumericSummary.RankSink?)null;
            var (profile, _) = NumericSummary.Compute(gapped[j].Column, spearman, options.TopValues, workspace, sink);
            profiles[gapped[j].Index] = profile;
            if (spearman)
            {
                gappedCounts[j] = profile.Count - profile.NaNCount;
                gappedSquares[j] = SquaredDeviations(matrices[j / Lanes], j % Lanes, gappedCounts[j]);
            }

            workspaces.Add(workspace);
        });

        // Complete columns: profile, keep the ranks, and walk the sorted order against every gapped column.
        var walked = new ConcurrentDictionary<(int Complete, int Gapped), double>();
        Parallel.ForEach(complete, parallel, p =>
        {
            var workspace = workspaces.TryTake(out var w) ? w : new NumericSummary.Workspace(rows);
            var (profile, rank) = NumericSummary.Compute(p.Column, spearman, options.TopValues, workspace);
            profiles[p.Index] = profile;
            if (rank is not null)
            {
                lock (completeRanks)
                {
                    completeRanks[p.Index] = rank;
                }

                Span<double> r = stackalloc double[Lanes];
                var smallRange = p.Column.Type is ColumnType.Int64 or ColumnType.Boolean && profile.Max - profile.Min < SmallRange;
                for (var g = 0; g < matrices.Length; g++)
                {
                    if (smallRange)
                    {
                        SpearmanPairs.SmallRangeWithGapped(
                            p.Column, (long)profile.Min!.Value, (int)(profile.Max!.Value - profile.Min.Value) + 1, matrices[g],
                            gappedCounts.AsSpan(g * Lanes, Lanes), gappedSquares.AsSpan(g * Lanes, Lanes), r);
                    }
                    else
                    {
                        SpearmanPairs.CompleteWithGapped(
                            workspace.Values.AsSpan(0, rows), workspace.Rows.AsSpan(0, rows), matrices[g],
                            gappedCounts.AsSpan(g * Lanes, Lanes), gappedSquares.AsSpan(g * Lanes, Lanes), r);
                    }

                    for (var lane = 0; lane < Lanes && (g * Lanes) + lane < gapped.Length; lane++)
                    {
                        walked[(p.Index, gapped[(g * Lanes) + lane].Index)] = r[lane];
                    }
                }
            }

            workspaces.Add(workspace);
        });
        foreach (var workspace in workspaces)
        {
            workspace.Dispose();
        }

        workspaces.Clear();

        Parallel.For(0, frame.ColumnCount, parallel, i =>
        {
            var column = frame.Columns[i];
            if (profiles[i] is null)
            {
                profiles[i] = column is DateTimeColumn dates
                    ? CategorySummary.Dates(dates, options.TopValues)
                    : CategorySummary.Text(column, options.TopValues);
            }
        });

        var names = numeric.Select(p => p.Column.Name).ToArray();
        var pearson = new CorrelationMatrix("pearson", names, PairwiseGram.Correlate(
            (c, start, count, destination) => numeric[c].Column.CopyNumbers(start, count, destination),
            numeric.Length, rows,
            numeric.Select(p => profiles[p.Index].Mean ?? 0).ToArray(),
            numeric.Select(p => Gapped(p.Column)).ToArray(),
            degree));
        var spearmanMatrix = spearman
            ? new CorrelationMatrix("spearman", names, Spearman(numeric, gapped, profiles, completeRanks, matrices, walked, rows, degree))
            : null;
        var warnings = ProfileWarnings.Find(profiles, pearson, duplicates, rows, options);
        var target = options.Target is null ? null : TargetAnalysis.Relate(frame, options.Target, profiles, pearson, spearmanMatrix, warnings);
        return new FrameProfile
        {
            RowCount = rows,
            Columns = profiles,
            Pearson = pearson,
            Spearman = spearmanMatrix,
            DuplicateRows = duplicates,
            Warnings = warnings,
            Target = target,
        };
    }

    /// <summary>Whether a numeric column lacks a value in some row (missing, or NaN, which correlations leave out too).</summary>
    private static bool Gapped(Column column) => column.HasNulls || column switch
    {
        DoubleColumn d => d.Values.ContainsAnyExceptInRange(double.NegativeInfinity, double.PositiveInfinity),
        SingleColumn s => s.Values.ContainsAnyExceptInRange(float.NegativeInfinity, float.PositiveInfinity),
        _ => false,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    private static float[] NaNMatrix(int rows)
    {
        var matrix = GC.AllocateUninitializedArray<float>(rows * Lanes);
        Array.Fill(matrix, float.NaN);
        return matrix;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredDeviations(float[] matrix, int lane, long count)
    {
        var centre = (count + 1) / 2.0;
        var sum = 0.0;
        for (var i = lane; i < matrix.Length; i += Lanes)
        {
            var r = matrix[i];
            if (!float.IsNaN(r))
            {
                sum += (r - centre) * (r - centre);
            }
        }

        return sum;
    }

    private static double[][] Spearman(
        (Column Column, int Index)[] numeric, (Column Column, int Index)[] gapped, ColumnProfile[] profiles,
        Dictionary<int, float[]> completeRanks, float[][] matrices, ConcurrentDictionary<(int Complete, int Gapped), double> walked, int rows, int degree)
    {
        // Pairs of complete columns: Pearson on their global ranks, in the same pass over row blocks as Pearson's.
        var completePositions = Enumerable.Range(0, numeric.Length).Where(i => completeRanks.ContainsKey(numeric[i].Index)).ToArray();
        var centre = (rows + 1) / 2.0;
        var gram = PairwiseGram.Correlate(
            (c, start, count, destination) => Widen(completeRanks[numeric[completePositions[c]].Index].AsSpan(start, count), destination),
            completePositions.Length, rows,
            completePositions.Select(_ => centre).ToArray(),
            completePositions.Select(_ => false).ToArray(),
            degree);

        var matrix = new double[numeric.Length][];
        for (var i = 0; i < numeric.Length; i++)
        {
            matrix[i] = new double[numeric.Length];
        }

        for (var a = 0; a < completePositions.Length; a++)
        {
            for (var b = 0; b < completePositions.Length; b++)
            {
                matrix[completePositions[a]][completePositions[b]] = gram[a][b];
            }
        }

        // Pairs with a gapped column: ranks of the pair's common rows (walked already, or re-ranked here).
        var lane = gapped.Select((p, j) => (p.Index, j)).ToDictionary(p => p.Index, p => p.j);
        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < numeric.Length; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                if (lane.ContainsKey(numeric[i].Index) || lane.ContainsKey(numeric[j].Index))
                {
                    pairs.Add((i, j));
                }
            }
        }

        Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = degree }, pair =>
        {
            var (i, j) = pair;
            var a = numeric[i].Index;
            var b = numeric[j].Index;
            double r;
            if (i == j)
            {
                r = profiles[a].Distinct - (profiles[a].NaNCount > 0 ? 1 : 0) > 1 ? 1 : double.NaN;
            }
            else if (lane.TryGetValue(a, out var la) && lane.TryGetValue(b, out var lb))
            {
                r = SpearmanPairs.BothGapped(matrices[la / Lanes], la % Lanes, matrices[lb / Lanes], lb % Lanes);
            }
            else
            {
                r = lane.ContainsKey(a) ? walked[(b, a)] : walked[(a, b)];
            }

            matrix[i][j] = r;
            matrix[j][i] = r;
        });
        return matrix;
    }
}
