using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The short way's second half, shared by <see cref="NumericCsvReader"/> and <see cref="NumericJsonReader"/>: for a
/// model whose request columns are all float64, whose schema checks them as numbers, and whose feature pipeline is
/// column-wise numeric (or absent), numbers already parsed into one column-major buffer are checked against the schema
/// a column at a time, in one vectorised pass each, and the pipeline's dense plan writes the model's matrix: no frame,
/// no per-column objects. The checks and arithmetic are the general way's own, so both ways give bit-identical
/// matrices and refuse exactly the same values (the refusal itself is left to the general way, which names it).
/// </summary>
internal sealed class NumericInput
{
    private readonly string[] _columnNames;
    private readonly ColumnSchema?[] _checks;
    private readonly NumericInputPlan? _pipeline;
    private readonly int[] _modelColumns;
    private readonly IReadOnlyList<string> _modelFeatures;

    private NumericInput(string[] columnNames, ColumnKeys keys, ColumnSchema?[] checks, NumericInputPlan? pipeline, int[] modelColumns, IReadOnlyList<string> modelFeatures)
    {
        _columnNames = columnNames;
        Keys = keys;
        _checks = checks;
        _pipeline = pipeline;
        _modelColumns = modelColumns;
        _modelFeatures = modelFeatures;
        RowScaling = pipeline is not null && checks.All(c => c is null || c.Type == ColumnType.Double) ? RowScaling.TryCreate(checks, pipeline) : null;
    }

    /// <summary>
    /// For a model whose pipeline maps each request column to the same feature, centred and scaled at most once, and
    /// which checks no column as a whole number: the checks and arithmetic a reader applies to each value as it reads
    /// it, writing the model's matrix row by row (<see cref="RowMatrix"/>); null for any other model.
    /// </summary>
    public RowScaling? RowScaling { get; }

    /// <summary>Whether <see cref="RowScaling"/> is there.</summary>
    public bool TakesRows => RowScaling is not null;

    /// <summary>The most rows a body written through <see cref="RowScaling"/> may have; more are read the general way.</summary>
    public int RowLimit => _pipeline?.RowLimit ?? -1;

    /// <summary>How many request columns there are: the buffer holds one block of values per column, in CSV order.</summary>
    public int Columns => _columnNames.Length;

    /// <summary>The buffer block of the request column named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => Array.IndexOf(_columnNames, name);

    /// <summary>The request columns' names as JSON object keys.</summary>
    public ColumnKeys Keys { get; }

    /// <summary>
    /// The short way for a bundle's layout (and its <paramref name="keys"/>), schema and pipeline, or null when its
    /// requests cannot take it.
    /// </summary>
    public static NumericInput? TryCreate(RequestLayout layout, ColumnKeys keys, DataSchema schema, string environment, FeaturePipeline? pipeline, Predictor predictor)
    {
        if (layout.Count == 0 || layout.Columns.Any(c => c.Type != ColumnType.Double))
        {
            return null;
        }

        var names = layout.Columns.Select(c => c.Name).ToArray();
        var checks = new ColumnSchema?[names.Length];
        foreach (var column in schema.Columns.Where(c => c.AppliesTo(environment)))
        {
            var index = Array.IndexOf(names, column.Name);
            if (index < 0 ? column.Required : !column.IsNumeric)
            {
                // Every request would be refused (a required column no request carries) or checked cell by cell.
                return null;
            }

            if (index >= 0)
            {
                checks[index] = column;
            }
        }

        if (pipeline is not null)
        {
            return pipeline.BindNumericInputs(names) is { } plan ? new NumericInput(names, keys, checks, plan, [], []) : null;
        }

        var modelColumns = predictor.FeatureNames.Select(n => Array.IndexOf(names, n)).ToArray();
        return modelColumns.Contains(-1) ? null : new NumericInput(names, keys, checks, null, modelColumns, predictor.FeatureNames);
    }

    /// <summary>
    /// The model's input for <paramref name="rows"/> rows of finite numbers (the readers decline anything else) held
    /// column by column in <paramref name="columnMajor"/> (column i at <c>[i * stride, i * stride + rows)</c>), or
    /// null when a value is one the schema or the pipeline refuses and the body must be read the general way.
    /// </summary>
    public FeatureMatrix? TryFinish(double[] columnMajor, int rows, int stride)
    {
        for (var c = 0; c < _checks.Length; c++)
        {
            if (_checks[c] is { } check && !ColumnCheck.AllValidNumbers(check, columnMajor.AsSpan(c * stride, rows)))
            {
                return null;
            }
        }

        return _pipeline is not null ? _pipeline.TryTransform(columnMajor, rows, stride) : ModelMatrix(columnMajor, rows, stride);
    }

    /// <summary>The model's input over <paramref name="matrix"/>: <paramref name="rows"/> rows written through <see cref="RowScaling"/>.</summary>
    public FeatureMatrix RowMatrix(float[] matrix, int rows) => _pipeline!.RowMatrix(matrix, rows);

    // Without a pipeline the model reads its features as Frame.ToMatrix gives them: float32, row-major, in its order.
    private FeatureMatrix ModelMatrix(double[] columnMajor, int rows, int stride)
    {
        var width = _modelColumns.Length;
        var matrix = new float[checked(rows * width)];
        for (var f = 0; f < width; f++)
        {
            var column = columnMajor.AsSpan(_modelColumns[f] * stride, rows);
            for (var r = 0; r < rows; r++)
            {
                matrix[(r * width) + f] = (float)column[r];
            }
        }

        return new FeatureMatrix(new DenseMatrix(matrix, rows, width, _modelFeatures), null, []);
    }
}

/// <summary>Row <c>row</c>'s cells in a column-major buffer whose columns are <c>stride</c> values apart.</summary>
internal readonly struct ColumnMajorCells(double[] buffer, int stride, int row) : INumberRowCells
{
    public ref double this[int column] => ref buffer[(column * stride) + row];
}
