using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features.Text;

/// <summary>
/// Any columns hashed into a fixed number of sparse columns, as scikit-learn's <c>FeatureHasher</c> with dict input:
/// a text, categorical or boolean cell becomes the feature string <c>column=value</c> with value 1, a numeric cell the
/// feature string <c>column</c> with its value (zeros and missing cells are skipped); each string's column and sign
/// come from the signed MurmurHash3 of its UTF-8 bytes, as in <see cref="HashingVectorizer"/>. Useful for
/// high-cardinality identifiers (ward codes, ICD codes) whose categories keep changing: no vocabulary, no unknowns.
/// </summary>
public sealed class FeatureHasher : SparseTransform<FeatureHasher>
{
    public override string Kind => "feature_hasher";

    /// <summary>Output columns (scikit-learn's <c>n_features</c>, default 2^20).</summary>
    public int Features { get; init; } = 1 << 20;

    public bool AlternateSign { get; init; } = true;

    public override string Describe() => $"FeatureHasher({Features} columns)";

    private protected override void CheckInputTypes(Frame frame)
    {
        foreach (var column in frame.Columns)
        {
            if (column.Type == ColumnType.DateTime)
            {
                throw new ArgumentException($"{Name}: column '{column.Name}' is datetime; extract its parts with DateTimeFeatures first.");
            }
        }
    }

    private protected override void FitCore(Frame frame, Column? target)
    {
        if (Features < 1)
        {
            throw new ArgumentException($"{Name}: Features must be at least 1, got {Features}.");
        }
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var rows = frame.RowCount;
        var perRow = new List<(int Index, double Value)>[rows];
        for (var r = 0; r < rows; r++)
        {
            perRow[r] = [];
        }

        foreach (var column in frame.Columns)
        {
            if (column.IsNumeric && column.Type != ColumnType.Boolean)
            {
                var (index, sign) = FeatureHashing.Locate(column.Name, Features, AlternateSign);
                var values = FeatureColumns.Numbers(column, Name);
                for (var r = 0; r < rows; r++)
                {
                    if (values[r] != 0 && !double.IsNaN(values[r]))
                    {
                        perRow[r].Add((index, sign * values[r]));
                    }
                }

                continue;
            }

            var labels = FeatureColumns.LabelsOf(column);
            var located = labels.Texts.Select(t => FeatureHashing.Locate($"{column.Name}={t}", Features, AlternateSign)).ToArray();
            for (var r = 0; r < rows; r++)
            {
                if (labels.Codes[r] >= 0)
                {
                    var (index, sign) = located[labels.Codes[r]];
                    perRow[r].Add((index, sign));
                }
            }
        }

        var builder = new SparseFeatures.Builder(rows * frame.ColumnCount);
        foreach (var entries in perRow)
        {
            foreach (var (index, value) in entries)
            {
                builder.Add(index, value);
            }

            builder.EndRow();
        }

        return FeatureOutput.Sparsely(builder.Build(GetFeatureNamesOut()));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => new FeatureHashing.Names(string.Join("+", FeatureNamesIn), Features);

    internal override void WriteState(JsonState parameters, JsonState state) =>
        parameters.Set("features", Features).Set("alternate_sign", AlternateSign);

    internal static FeatureHasher Create(StateReader parameters) => new()
    {
        Features = parameters.Int32("features", 1),
        AlternateSign = parameters.Bool("alternate_sign"),
    };

    internal override void ReadState(StateReader state)
    {
    }
}
