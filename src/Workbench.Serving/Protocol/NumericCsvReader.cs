using System.Buffers;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Serving.Models;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The short way for the request most clients send: a header-less CSV body of plain numbers, for a model whose request
/// columns are all float64, whose schema checks them as numbers, and whose feature pipeline is column-wise numeric (or
/// absent). The body is parsed straight into one pooled column-major buffer, each column is checked against the schema
/// in one vectorised pass, and the pipeline's dense plan writes the model's matrix: no frame, no per-column objects.
/// Any body it cannot take whole (a byte-order mark, a blank line, a quoted or empty cell, a cell that is not one
/// finite number, a wrong field count, a value the schema refuses) makes <see cref="TryRead"/> return null and <see cref="RequestReader"/> reads
/// it the general way, naming the problem. Parsing, checks and arithmetic are the general way's own, so both ways give
/// bit-identical matrices and accept exactly the same bodies.
/// </summary>
internal sealed class NumericCsvReader
{
    private readonly int _columns;
    private readonly ColumnSchema?[] _checks;
    private readonly NumericInputPlan? _pipeline;
    private readonly int[] _modelColumns;
    private readonly IReadOnlyList<string> _modelFeatures;

    private NumericCsvReader(int columns, ColumnSchema?[] checks, NumericInputPlan? pipeline, int[] modelColumns, IReadOnlyList<string> modelFeatures)
    {
        _columns = columns;
        _checks = checks;
        _pipeline = pipeline;
        _modelColumns = modelColumns;
        _modelFeatures = modelFeatures;
    }

    /// <summary>The reader for a bundle's layout, schema and pipeline, or null when its requests cannot take the short way.</summary>
    public static NumericCsvReader? TryCreate(RequestLayout layout, DataSchema schema, string environment, FeaturePipeline? pipeline, Predictor predictor)
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
            return pipeline.BindNumericInputs(names) is { } plan ? new NumericCsvReader(names.Length, checks, plan, [], []) : null;
        }

        var modelColumns = predictor.FeatureNames.Select(n => Array.IndexOf(names, n)).ToArray();
        return modelColumns.Contains(-1) ? null : new NumericCsvReader(names.Length, checks, null, modelColumns, predictor.FeatureNames);
    }

    /// <summary>The model's input for <paramref name="body"/>, or null when the body must be read the general way.</summary>
    public FeatureMatrix? TryRead(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var endsWithNewline = body[^1] == (byte)'\n';
        var rows = RequestReader.LineCount(body);
        var buffer = ArrayPool<double>.Shared.Rent(checked(rows * _columns));
        try
        {
            var position = 0;
            for (var row = 0; row < rows; row++)
            {
                var cells = new ColumnMajorCells(buffer, rows, row);
                if (!(endsWithNewline
                        ? PlainNumberRow.TryRead<EndsWithNewline, ColumnMajorCells>(body, ref position, _columns, cells)
                        : PlainNumberRow.TryRead<WithinSpan, ColumnMajorCells>(body, ref position, _columns, cells)))
                {
                    return null;
                }
            }

            if (position != body.Length)
            {
                return null;
            }

            for (var c = 0; c < _checks.Length; c++)
            {
                if (_checks[c] is { } check && !ColumnCheck.AllValidNumbers(check, buffer.AsSpan(c * rows, rows)))
                {
                    return null;
                }
            }

            return _pipeline is not null ? _pipeline.TryTransform(buffer, rows) : ModelMatrix(buffer, rows);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    // Without a pipeline the model reads its features as Frame.ToMatrix gives them: float32, row-major, in its order.
    private FeatureMatrix ModelMatrix(double[] buffer, int rows)
    {
        var width = _modelColumns.Length;
        var matrix = new float[checked(rows * width)];
        for (var f = 0; f < width; f++)
        {
            var column = buffer.AsSpan(_modelColumns[f] * rows, rows);
            for (var r = 0; r < rows; r++)
            {
                matrix[(r * width) + f] = (float)column[r];
            }
        }

        return new FeatureMatrix(new DenseMatrix(matrix, rows, width, _modelFeatures), null, []);
    }

    private readonly struct ColumnMajorCells(double[] buffer, int rows, int row) : INumberRowCells
    {
        public ref double this[int column] => ref buffer[(column * rows) + row];
    }
}
