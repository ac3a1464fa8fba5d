using System.Buffers;
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
        TakesRows = pipeline is not null && pipeline.TakesRows && checks.All(c => c is null || c.Type == ColumnType.Double);
    }

    /// <summary>
    /// Whether <see cref="TryFinishRows"/> takes this model's requests: the pipeline maps each request column to the
    /// same feature, centred and scaled at most once, and no column is checked as a whole number.
    /// </summary>
    public bool TakesRows { get; }

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

    /// <summary>
    /// <see cref="TryFinish"/> for numbers held row by row (<see cref="Columns"/> values a row), where
    /// <see cref="TakesRows"/>: the same checks and the same matrix, without transposing the request first.
    /// </summary>
    public FeatureMatrix? TryFinishRows(double[] rowMajor, int rows)
    {
        if (rows == 0 || !TakesRows)
        {
            return null;
        }

        var width = Columns;
        var bounds = ArrayPool<double>.Shared.Rent(2 * width);
        try
        {
            var low = bounds.AsSpan(0, width);
            var high = bounds.AsSpan(width, width);
            for (var c = 0; c < width; c++)
            {
                (low[c], high[c]) = _checks[c] is { } check ? check.AllowedRange : (double.NegativeInfinity, double.PositiveInfinity);
            }

            return ColumnCheck.AllFiniteWithinRows(rowMajor.AsSpan(0, rows * width), low, high)
                ? _pipeline!.TryTransformRows(rowMajor.AsSpan(0, rows * width), rows)
                : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bounds);
        }
    }

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
