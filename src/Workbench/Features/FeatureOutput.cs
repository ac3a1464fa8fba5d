using Workbench.Data;

namespace Workbench.Features;

/// <summary>What a transform produces: a frame of features (dense transforms) or a sparse block (text vectorizers, hashing).</summary>
public sealed class FeatureOutput
{
    private Frame? _frame;

    private FeatureOutput(Frame? frame, SparseFeatures? sparse, IndicatorBlock? indicators)
    {
        _frame = frame;
        Sparse = sparse;
        Indicators = indicators;
    }

    /// <summary>The features as columns, when dense (one-hot output is materialized on first use).</summary>
    public Frame? Frame => _frame ??= Indicators?.ToFrame();

    /// <summary>The features in compressed sparse rows, when sparse.</summary>
    public SparseFeatures? Sparse { get; }

    public bool IsSparse => Sparse is not null;

    public int RowCount => _frame?.RowCount ?? Indicators?.RowCount ?? Sparse!.RowCount;

    public int FeatureCount => FeatureNames.Count;

    public IReadOnlyList<string> FeatureNames => _frame?.ColumnNames ?? Indicators?.Names ?? Sparse!.FeatureNames;

    /// <summary>One-hot output kept as codes, so a pipeline writes its ones straight into the matrix.</summary>
    internal IndicatorBlock? Indicators { get; }

    public static FeatureOutput Dense(Frame frame) => new(frame ?? throw new ArgumentNullException(nameof(frame)), null, null);

    public static FeatureOutput Sparsely(SparseFeatures sparse) => new(null, sparse ?? throw new ArgumentNullException(nameof(sparse)), null);

    internal static FeatureOutput OneHot(IndicatorBlock indicators) => new(null, null, indicators);
}

/// <summary>
/// One-hot output as codes: per input column a group of <c>Width</c> output columns and, per row, the one column
/// that is 1 (<see cref="Zeros"/>: none is; <see cref="MissingRow"/>: the row's cells are all missing).
/// </summary>
internal sealed class IndicatorBlock(int rowCount, IReadOnlyList<(int[] Codes, int Width)> groups, IReadOnlyList<string> names)
{
    public const int Zeros = -1;
    public const int MissingRow = -2;

    public int RowCount => rowCount;

    public IReadOnlyList<(int[] Codes, int Width)> Groups => groups;

    public IReadOnlyList<string> Names => names;

    /// <summary>Ones over all cells, missing rows excluded.</summary>
    public long NonZeroCount => groups.Sum(g => (long)g.Codes.Count(c => c >= 0));

    public Frame ToFrame()
    {
        var columns = new List<Column>(names.Count);
        var offset = 0;
        foreach (var (codes, width) in groups)
        {
            var values = new double[width][];
            for (var j = 0; j < width; j++)
            {
                values[j] = new double[rowCount];
            }

            NullMask.Builder? nulls = null;
            for (var r = 0; r < rowCount; r++)
            {
                var code = codes[r];
                if (code >= 0)
                {
                    values[code][r] = 1;
                }
                else if (code == MissingRow)
                {
                    nulls ??= new NullMask.Builder(rowCount);
                    nulls.SetNull(r);
                }
            }

            var mask = nulls?.Build();
            for (var j = 0; j < width; j++)
            {
                columns.Add(DoubleColumn.Adopt(names[offset + j], values[j], mask));
            }

            offset += width;
        }

        return new Frame(columns);
    }
}
