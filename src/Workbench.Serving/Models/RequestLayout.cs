using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;

namespace Workbench.Serving.Models;

/// <summary>
/// The columns a request must carry, in order: the schema's serving columns (its column order is the CSV order),
/// plus any column the feature pipeline reads that the schema does not list; without a schema, the pipeline's input
/// columns; without a pipeline, the model's features. Each column is built with the type the pipeline saw at fit time.
/// </summary>
public sealed class RequestLayout
{
    private readonly InputColumn[] _columns;

    private RequestLayout(InputColumn[] columns)
    {
        _columns = columns;
    }

    public IReadOnlyList<InputColumn> Columns => _columns;

    public int Count => _columns.Length;

    public InputColumn this[int index] => _columns[index];

    /// <summary>
    /// The column whose UTF-8 name <paramref name="matches"/> accepts, or -1. Tries <paramref name="hint"/> first (keys
    /// usually arrive in schema order, so a row of objects costs one comparison per key).
    /// </summary>
    internal int IndexOf<TState>(TState state, Func<TState, byte[], bool> matches, int hint)
        where TState : allows ref struct
    {
        if ((uint)hint < (uint)_columns.Length && matches(state, _columns[hint].Utf8Name))
        {
            return hint;
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            if (matches(state, _columns[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The column named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(_columns, c => c.Name == name);

    /// <summary>The column names for a message: all of them up to 12, else the first ten and a count.</summary>
    internal string Describe() => _columns.Length <= 12
        ? string.Join(", ", _columns.Select(c => c.Name))
        : string.Join(", ", _columns.Take(10).Select(c => c.Name)) + $", … ({_columns.Length} columns)";

    internal static RequestLayout For(DataSchema? schema, string environment, FeaturePipeline? pipeline, Predictor predictor)
    {
        var fitted = pipeline?.InputColumns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal)
            ?? predictor.FeatureNames.ToDictionary(n => n, _ => ColumnType.Double, StringComparer.Ordinal);
        var columns = new List<InputColumn>();
        void Add(string name, ColumnType type, IReadOnlyList<string>? known)
        {
            if (columns.All(c => c.Name != name))
            {
                columns.Add(new InputColumn(name, Normalise(type), columns.Count, known));
            }
        }

        if (schema is not null)
        {
            foreach (var column in schema.Columns.Where(c => c.AppliesTo(environment) && c.Name != pipeline?.Target))
            {
                Add(column.Name, fitted.TryGetValue(column.Name, out var type) ? type : column.Type, column.Categories);
            }
        }

        var order = pipeline is not null ? pipeline.InputColumns.Select(c => c.Name) : predictor.FeatureNames;
        foreach (var name in order)
        {
            Add(name, fitted[name], schema is not null && schema.Contains(name) ? schema.Column(name).Categories : null);
        }

        return new RequestLayout([.. columns]);
    }

    // float32 columns are built as float64 (requests carry text or JSON numbers; the pipeline reads numbers either way).
    private static ColumnType Normalise(ColumnType type) => type == ColumnType.Single ? ColumnType.Double : type;
}
