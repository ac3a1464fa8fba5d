using Workbench.Data;

namespace Workbench.Features;

/// <summary>
/// Stacks the steps' outputs side by side into one float32 matrix: checks every dense feature is a number with no
/// missing cell (naming the step, feature and first row otherwise), counts non-zeros to choose dense or sparse, and
/// writes row blocks in parallel.
/// </summary>
internal static class MatrixAssembler
{
    private const int RowBlock = 256;

    public static void CheckDense(string step, FeatureOutput output)
    {
        if (output.IsSparse)
        {
            return;
        }

        if (output.Indicators is not null)
        {
            var offset = 0;
            foreach (var (codes, width) in output.Indicators.Groups)
            {
                var first = Array.IndexOf(codes, IndicatorBlock.MissingRow);
                if (first >= 0)
                {
                    var count = codes.Count(c => c == IndicatorBlock.MissingRow);
                    throw Missing(step, output.Indicators.Names[offset], count, first, "impute the column before encoding it, or let the encoder keep missing values as a category");
                }

                offset += width;
            }

            return;
        }

        foreach (var column in output.Frame!.Columns)
        {
            if (!column.IsNumeric)
            {
                throw new InvalidOperationException(
                    $"pipeline step '{step}' outputs column '{column.Name}' as {column.Type.DisplayName()}, not a number: end the step with an encoder (OneHotEncoder, OrdinalEncoder, TargetEncoder) or a vectorizer.");
            }

            if (column.HasNulls)
            {
                var first = Enumerable.Range(0, column.Length).First(column.IsNull);
                throw Missing(step, column.Name, column.NullCount, first, "add a SimpleImputer to the step");
            }
        }
    }

    public static FeatureMatrix Assemble(IReadOnlyList<(string Step, FeatureOutput Output)> parts, int rows, MatrixOutput mode, double threshold, int? parallelism, IReadOnlyList<string> names)
    {
        var blocks = new List<FeatureBlock>();
        var start = 0;
        foreach (var (step, output) in parts)
        {
            blocks.Add(new FeatureBlock(step, start, output.FeatureCount, output.IsSparse));
            start += output.FeatureCount;
        }

        var width = start;
        var sparse = mode == MatrixOutput.Sparse;
        if (mode == MatrixOutput.Auto && parts.Any(p => p.Output.IsSparse))
        {
            // Counting non-zeros costs a pass over the dense blocks: only done when it decides something.
            var nonZeros = parts.Sum(p => NonZeros(p.Output));
            sparse = rows > 0 && width > 0 && nonZeros / ((double)rows * width) < threshold;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? -1 };
        return sparse
            ? new FeatureMatrix(null, BuildSparse(parts, rows, width, names, options), blocks)
            : new FeatureMatrix(BuildDense(parts, rows, width, names, options), null, blocks);
    }

    private static InvalidOperationException Missing(string step, string feature, int count, int first, string advice) =>
        new($"pipeline step '{step}' leaves {count} missing values in feature '{feature}' (the first at row {first}); a model cannot take missing cells: {advice}.");

    private static long NonZeros(FeatureOutput output)
    {
        if (output.Sparse is { } sparse)
        {
            return sparse.NonZeroCount;
        }

        if (output.Indicators is { } indicators)
        {
            return indicators.NonZeroCount;
        }

        long count = 0;
        var buffer = new double[Math.Min(RowBlock, Math.Max(1, output.RowCount))];
        foreach (var column in output.Frame!.Columns)
        {
            for (var s = 0; s < column.Length; s += buffer.Length)
            {
                var n = Math.Min(buffer.Length, column.Length - s);
                column.CopyNumbers(s, n, buffer);
                for (var i = 0; i < n; i++)
                {
                    count += buffer[i] != 0 ? 1 : 0;
                }
            }
        }

        return count;
    }

    private static DenseMatrix BuildDense(IReadOnlyList<(string Step, FeatureOutput Output)> parts, int rows, int width, IReadOnlyList<string> names, ParallelOptions options)
    {
        var values = new float[checked(rows * width)];
        var blocks = (rows + RowBlock - 1) / RowBlock;
        if (blocks <= 1 || options.MaxDegreeOfParallelism == 1)
        {
            // A request's few rows (serving) or one thread: no worker tasks and a buffer of the rows' size.
            var buffer = new double[Math.Min(RowBlock, Math.Max(rows, 1))];
            for (var b = 0; b < blocks; b++)
            {
                FillBlock(b, buffer);
            }
        }
        else
        {
            Parallel.For(0, blocks, options, () => new double[RowBlock], (b, _, buffer) => FillBlock(b, buffer), _ => { });
        }

        return new DenseMatrix(values, rows, width, names);

        double[] FillBlock(int b, double[] buffer)
        {
            var first = b * RowBlock;
            var count = Math.Min(RowBlock, rows - first);
            var offset = 0;
            foreach (var (_, output) in parts)
            {
                if (output.Sparse is { } sparse)
                {
                    for (var r = first; r < first + count; r++)
                    {
                        var row = (long)r * width;
                        for (var k = sparse.RowPointers[r]; k < sparse.RowPointers[r + 1]; k++)
                        {
                            values[row + offset + sparse.ColumnIndices[k]] = (float)sparse.Values[k];
                        }
                    }
                }
                else if (output.Indicators is { } indicators)
                {
                    var groupOffset = offset;
                    foreach (var (codes, groupWidth) in indicators.Groups)
                    {
                        for (var r = first; r < first + count; r++)
                        {
                            if (codes[r] >= 0)
                            {
                                values[((long)r * width) + groupOffset + codes[r]] = 1f;
                            }
                        }

                        groupOffset += groupWidth;
                    }
                }
                else
                {
                    var frame = output.Frame!;
                    for (var c = 0; c < frame.ColumnCount; c++)
                    {
                        frame[c].CopyNumbers(first, count, buffer);
                        var at = ((long)first * width) + offset + c;
                        for (var i = 0; i < count; i++, at += width)
                        {
                            values[at] = (float)buffer[i];
                        }
                    }
                }

                offset += output.FeatureCount;
            }

            return buffer;
        }
    }

    private static SparseMatrix BuildSparse(IReadOnlyList<(string Step, FeatureOutput Output)> parts, int rows, int width, IReadOnlyList<string> names, ParallelOptions options)
    {
        // Dense blocks as column arrays, so a row can be read across them.
        var denseColumns = parts.Select(p => p.Output.Indicators is null && !p.Output.IsSparse
            ? p.Output.Frame!.Columns.Select(c =>
            {
                var values = new double[rows];
                c.CopyNumbers(values);
                return values;
            }).ToArray()
            : null).ToArray();
        var counts = new int[rows];
        Parallel.For(0, rows, options, r =>
        {
            var n = 0;
            for (var p = 0; p < parts.Count; p++)
            {
                var output = parts[p].Output;
                if (output.Sparse is { } sparse)
                {
                    n += sparse.RowPointers[r + 1] - sparse.RowPointers[r];
                }
                else if (output.Indicators is { } indicators)
                {
                    foreach (var (codes, _) in indicators.Groups)
                    {
                        n += codes[r] >= 0 ? 1 : 0;
                    }
                }
                else
                {
                    foreach (var column in denseColumns[p]!)
                    {
                        n += column[r] != 0 ? 1 : 0;
                    }
                }
            }

            counts[r] = n;
        });
        var pointers = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            pointers[r + 1] = checked(pointers[r] + counts[r]);
        }

        var indices = new int[pointers[rows]];
        var data = new float[pointers[rows]];
        Parallel.For(0, rows, options, r =>
        {
            var at = pointers[r];
            var offset = 0;
            for (var p = 0; p < parts.Count; p++)
            {
                var output = parts[p].Output;
                if (output.Sparse is { } sparse)
                {
                    for (var k = sparse.RowPointers[r]; k < sparse.RowPointers[r + 1]; k++)
                    {
                        indices[at] = offset + sparse.ColumnIndices[k];
                        data[at++] = (float)sparse.Values[k];
                    }
                }
                else if (output.Indicators is { } indicators)
                {
                    var groupOffset = offset;
                    foreach (var (codes, groupWidth) in indicators.Groups)
                    {
                        if (codes[r] >= 0)
                        {
                            indices[at] = groupOffset + codes[r];
                            data[at++] = 1f;
                        }

                        groupOffset += groupWidth;
                    }
                }
                else
                {
                    var columns = denseColumns[p]!;
                    for (var c = 0; c < columns.Length; c++)
                    {
                        if (columns[c][r] != 0)
                        {
                            indices[at] = offset + c;
                            data[at++] = (float)columns[c][r];
                        }
                    }
                }

                offset += output.FeatureCount;
            }
        });
        return new SparseMatrix(rows, width, pointers, indices, data, names);
    }
}
