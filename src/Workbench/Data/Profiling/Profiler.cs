using System.Collections.Concurrent;

namespace Workbench.Data.Profiling;

/// <summary>Computes a <see cref="FrameProfile"/>: columns in parallel, then correlations, duplicates, warnings and the target.</summary>
internal static class Profiler
{
    // Float ranks are exact (integers and halves) up to 2^23.
    private const int MaxSpearmanRows = 1 << 23;

    public static FrameProfile Run(Frame frame, ProfileOptions options)
    {
        var degree = options.DegreeOfParallelism ?? Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = degree };
        var spearman = options.Spearman && frame.RowCount <= MaxSpearmanRows;
        var numeric = frame.Columns.Select((c, i) => (Column: c, Index: i)).Where(p => p.Column.IsNumeric).ToArray();
        var profiles = new ColumnProfile[frame.ColumnCount];
        var ranks = new float[frame.ColumnCount][];

        // Gapped numeric columns first: the Spearman walk of each complete column needs their ranks.
        var gapped = numeric.Where(p => Gapped(p.Column)).ToArray();
        var complete = numeric.Where(p => !Gapped(p.Column)).ToArray();
        var rows = frame.RowCount;
        var workspaces = new ConcurrentBag<NumericSummary.Workspace>();
        Parallel.ForEach(gapped, parallel, p =>
        {
            var workspace = workspaces.TryTake(out var w) ? w : new NumericSummary.Workspace(rows);
            var (profile, rank) = NumericSummary.Compute(p.Column, spearman, options.TopValues, workspace);
            profiles[p.Index] = profile;
            ranks[p.Index] = rank!;
            workspaces.Add(workspace);
        });

        var gappedCounts = gapped.Select(p => profiles[p.Index].Count - profiles[p.Index].NaNCount).ToArray();
        var gappedSquares = gapped.Select((p, j) => SquaredDeviations(ranks[p.Index], gappedCounts[j])).ToArray();
        var groups = (gapped.Length + SpearmanPairs.Lanes - 1) / SpearmanPairs.Lanes;
        var gappedMatrices = spearman
            ? Enumerable.Range(0, groups).Select(g => RowMajor(gapped.Skip(g * SpearmanPairs.Lanes).Take(SpearmanPairs.Lanes).Select(p => ranks[p.Index]).ToArray(), rows)).ToArray()
            : [];
        var walked = new ConcurrentDictionary<(int, int), double>();
        Parallel.ForEach(complete, parallel, p =>
        {
            var workspace = workspaces.TryTake(out var w) ? w : new NumericSummary.Workspace(rows);
            var (profile, rank) = NumericSummary.Compute(p.Column, spearman, options.TopValues, workspace);
            profiles[p.Index] = profile;
            ranks[p.Index] = rank!;
            Span<double> r = stackalloc double[SpearmanPairs.Lanes];
            for (var g = 0; g < gappedMatrices.Length; g++)
            {
                var lanes = Math.Min(SpearmanPairs.Lanes, gapped.Length - (g * SpearmanPairs.Lanes));
                var counts = new long[SpearmanPairs.Lanes];
                var squares = new double[SpearmanPairs.Lanes];
                gappedCounts.AsSpan(g * SpearmanPairs.Lanes, lanes).CopyTo(counts);
                gappedSquares.AsSpan(g * SpearmanPairs.Lanes, lanes).CopyTo(squares);
                SpearmanPairs.CompleteWithGapped(workspace.Values.AsSpan(0, rows), workspace.Rows.AsSpan(0, rows), gappedMatrices[g], counts, squares, r);
                for (var j = 0; j < lanes; j++)
                {
                    walked[(p.Index, gapped[(g * SpearmanPairs.Lanes) + j].Index)] = r[j];
                }
            }

            workspaces.Add(workspace);
        });
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
            numeric.Length, frame.RowCount,
            numeric.Select(p => profiles[p.Index].Mean ?? 0).ToArray(),
            numeric.Select(p => Gapped(p.Column)).ToArray(),
            degree));
        var spearmanMatrix = spearman ? new CorrelationMatrix("spearman", names, Spearman(numeric, profiles, ranks, walked, frame.RowCount, degree)) : null;
        var duplicates = options.DuplicateRows ? DuplicateRows.Count(frame) : (long?)null;
        var profileList = profiles.ToArray();
        var warnings = ProfileWarnings.Find(profileList, pearson, duplicates, frame.RowCount, options);
        var target = options.Target is null ? null : TargetAnalysis.Relate(frame, options.Target, profileList, pearson, spearmanMatrix, warnings);
        return new FrameProfile
        {
            RowCount = frame.RowCount,
            Columns = profileList,
            Pearson = pearson,
            Spearman = spearmanMatrix,
            DuplicateRows = duplicates,
            Warnings = warnings,
            Target = target,
        };
    }

    /// <summary>Whether a numeric column lacks a value in some row (missing, or NaN, which correlations leave out too).</summary>
    private static bool Gapped(Column column)
    {
        if (column.HasNulls)
        {
            return true;
        }

        return column switch
        {
            DoubleColumn d => HasNaN(d.Values),
            SingleColumn s => HasNaN(s.Values),
            _ => false,
        };
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasNaN(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (float.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Up to four columns of ranks interleaved row by row (missing lanes NaN), so a walk reads a row's ranks from one cache line.</summary>
    private static float[] RowMajor(float[][] columns, int rows)
    {
        const int k = SpearmanPairs.Lanes;
        var matrix = new float[(long)rows * k];
        Array.Fill(matrix, float.NaN);
        for (var j = 0; j < columns.Length; j++)
        {
            var column = columns[j];
            for (var r = 0; r < rows; r++)
            {
                matrix[(r * k) + j] = column[r];
            }
        }

        return matrix;
    }

    private static double SquaredDeviations(float[] ranks, long count)
    {
        var centre = (count + 1) / 2.0;
        var sum = 0.0;
        foreach (var r in ranks)
        {
            if (!float.IsNaN(r))
            {
                sum += (r - centre) * (r - centre);
            }
        }

        return sum;
    }

    private static double[][] Spearman((Column Column, int Index)[] numeric, ColumnProfile[] profiles, float[][] ranks, ConcurrentDictionary<(int, int), double> walked, int rows, int degree)
    {
        // Complete pairs: Pearson on the global ranks, through the same pass over row blocks.
        var gappedFlags = numeric.Select(p => profiles[p.Index].Missing > 0 || profiles[p.Index].NaNCount > 0).ToArray();
        var complete = Enumerable.Range(0, numeric.Length).Where(i => !gappedFlags[i]).ToArray();
        var centre = (rows + 1) / 2.0;
        var gram = PairwiseGram.Correlate(
            (c, start, count, destination) =>
            {
                var source = ranks[numeric[complete[c]].Index].AsSpan(start, count);
                for (var i = 0; i < count; i++)
                {
                    destination[i] = source[i];
                }
            },
            complete.Length, rows,
            complete.Select(_ => centre).ToArray(),
            complete.Select(_ => false).ToArray(),
            degree);
        var matrix = new double[numeric.Length][];
        for (var i = 0; i < numeric.Length; i++)
        {
            matrix[i] = new double[numeric.Length];
            matrix[i][i] = gappedFlags[i] ? (profiles[numeric[i].Index].Distinct - (profiles[numeric[i].Index].NaNCount > 0 ? 1 : 0) > 1 ? 1 : double.NaN) : 0;
        }

        for (var a = 0; a < complete.Length; a++)
        {
            for (var b = 0; b < complete.Length; b++)
            {
                matrix[complete[a]][complete[b]] = gram[a][b];
            }
        }

        // Pairs with a gapped column: ranks of the pair's common rows.
        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < numeric.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (gappedFlags[i] || gappedFlags[j])
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
            var r = gappedFlags[i] && gappedFlags[j] ? SpearmanPairs.BothGapped(ranks[a], ranks[b])
                : gappedFlags[i] ? walked[(b, a)]
                : walked[(a, b)];
            matrix[i][j] = r;
            matrix[j][i] = r;
        });
        return matrix;
    }
}
