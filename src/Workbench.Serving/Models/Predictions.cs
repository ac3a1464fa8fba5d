namespace Workbench.Serving.Models;

/// <summary>
/// The model's answers for a block of rows, column-wise: class ids and probabilities (classification), values
/// (regression) or output vectors (network). A request's share of a combined batch is a <see cref="Slice"/>.
/// </summary>
public sealed class Predictions
{
    internal Predictions(Predictor predictor, int rows, int[]? classIds, double[]? probabilities, double[]? values, float[]? outputs, int outputWidth)
    {
        Predictor = predictor;
        Rows = rows;
        ClassIds = classIds;
        Probabilities = probabilities;
        Values = values;
        Outputs = outputs;
        OutputWidth = outputWidth;
    }

    public Predictor Predictor { get; }

    public int Rows { get; }

    /// <summary>Classification: the predicted class per row, an index into <see cref="Models.Predictor.Classes"/>.</summary>
    public int[]? ClassIds { get; }

    /// <summary>Classification: [rows × classes] row-major, columns in <see cref="Models.Predictor.Classes"/> order.</summary>
    public double[]? Probabilities { get; }

    /// <summary>Regression: one value per row.</summary>
    public double[]? Values { get; }

    /// <summary>Network: [rows × <see cref="OutputWidth"/>] row-major.</summary>
    public float[]? Outputs { get; }

    public int OutputWidth { get; }

    /// <summary>The label of <paramref name="row"/> as text (classification).</summary>
    public string Label(int row) => Predictor.Classes[ClassIds![row]];

    /// <summary>Rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> (no copy).</summary>
    public PredictionSlice Slice(int start, int count) => new(this, start, count);

    /// <summary>All rows.</summary>
    public PredictionSlice All() => new(this, 0, Rows);
}

/// <summary>A contiguous run of rows of a <see cref="Predictions"/> (one request's rows in a combined batch).</summary>
public readonly record struct PredictionSlice(Predictions Source, int Start, int Count)
{
    public Predictor Predictor => Source.Predictor;
}
