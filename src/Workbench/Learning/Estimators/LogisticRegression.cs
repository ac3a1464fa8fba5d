using System.Buffers;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Workbench.Data;
using Workbench.Learning.Persistence;
using Workbench.Learning.Solvers;

namespace Workbench.Learning.Estimators;

/// <summary>
/// L2-regularised logistic regression, scikit-learn's <c>LogisticRegression(solver="lbfgs")</c>: minimises
/// <c>Σ_i w_i·loss_i + ‖W‖² / (2C)</c> (the intercept is not penalised) with L-BFGS in double. Two classes use
/// one coefficient vector for the greater class (sigmoid); more use a multinomial (softmax) model.
/// Inputs are dense or CSR feature matrices; labels are strings or integers, classes sorted like <c>classes_</c>.
/// </summary>
public sealed class LogisticRegression : IClassifier
{
    private ClassLabels? _classes;
    private IReadOnlyList<string>? _features;

    /// <summary>Inverse regularisation strength (smaller is stronger), as in scikit-learn.</summary>
    public double C { get; set; } = 1.0;

    public bool FitIntercept { get; set; } = true;

    public int MaxIterations { get; set; } = 100;

    /// <summary>Stop when every gradient component is at most this (scikit-learn's <c>tol</c>).</summary>
    public double Tolerance { get; set; } = 1e-4;

    /// <summary>Weight classes by n / (K · count) (scikit-learn's <c>class_weight="balanced"</c>) for imbalanced data.</summary>
    public bool BalancedClassWeights { get; set; }

    public IReadOnlyList<string> Classes => FeatureCheck.Fitted(_classes, nameof(LogisticRegression)).Names;

    public ClassLabels ClassLabels => FeatureCheck.Fitted(_classes, nameof(LogisticRegression));

    public IReadOnlyList<string> FeatureNames => FeatureCheck.Fitted(_features, nameof(LogisticRegression));

    /// <summary>[1, features] for two classes (the greater class's log-odds), else [classes, features] — <c>coef_</c>.</summary>
    public double[,] Coefficients { get; private set; } = new double[0, 0];

    /// <summary>One value per row of <see cref="Coefficients"/> — <c>intercept_</c>.</summary>
    public double[] Intercept { get; private set; } = [];

    /// <summary>L-BFGS iterations of the last fit (<c>n_iter_</c>).</summary>
    public int Iterations { get; private set; }

    /// <summary>Loss-and-gradient evaluations of the last fit (line searches included).</summary>
    public int FunctionEvaluations { get; private set; }

    /// <summary>Whether the last fit met the tolerance; when false, raise <see cref="MaxIterations"/> or scale the features.</summary>
    public bool Converged { get; private set; }

    /// <summary>The solver's own account of why it stopped.</summary>
    public string SolverMessage { get; private set; } = string.Empty;

    /// <summary>Writes the fitted model to <paramref name="path"/> atomically (docs/model-format.md).</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Reads a model written by <see cref="Save"/>; checksums are verified and no code is run.</summary>
    public static LogisticRegression Load(string path) => ModelFile.Load<LogisticRegression>(path);

    public LogisticRegression Fit(DenseMatrix x, IReadOnlyList<string> y) => Fit(Design(x), Labels(y));

    public LogisticRegression Fit(DenseMatrix x, IReadOnlyList<int> y) => Fit(Design(x), Labels(y));

    public LogisticRegression Fit(SparseMatrix x, IReadOnlyList<string> y) => Fit(Design(x), Labels(y));

    public LogisticRegression Fit(SparseMatrix x, IReadOnlyList<int> y) => Fit(Design(x), Labels(y));

    /// <summary>Raw scores: log-odds [n, 1] for two classes, else class scores [n, classes] (<c>decision_function</c>).</summary>
    public double[,] DecisionFunction(DenseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = new double[x.Rows, Intercept.Length];
        Scores(x, Classifier.Flat(result));
        return result;
    }

    public double[,] PredictProba(DenseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = new double[x.Rows, Math.Max(2, Intercept.Length)];
        PredictProba(x, Classifier.Flat(result));
        return result;
    }

    /// <summary>
    /// <see cref="PredictProba(DenseMatrix)"/> written into <paramref name="probabilities"/> ([rows, classes]
    /// row-major), the same values bit for bit, with pooled scratch instead of arrays: the server calls it once per
    /// request, where the arrays cost as much as the arithmetic.
    /// </summary>
    internal void PredictProba(DenseMatrix x, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(x);
        var k = Intercept.Length;
        if (probabilities.Length != x.Rows * Math.Max(2, k))
        {
            throw new ArgumentException($"The probabilities need {x.Rows} x {Math.Max(2, k)} values but have room for {probabilities.Length}.", nameof(probabilities));
        }

        var scores = ArrayPool<double>.Shared.Rent(x.Rows * k);
        try
        {
            Scores(x, scores.AsSpan(0, x.Rows * k));
            Probabilities(scores.AsSpan(0, x.Rows * k), k, probabilities);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    public double[,] PredictProba(SparseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        FeatureCheck.Columns(FeatureNames, x.Columns, x.ColumnNames, nameof(LogisticRegression));
        return Probabilities(Scores(LinearDesign.From(x, FeatureCheck.Threads)));
    }

    public int[] PredictClassIds(DenseMatrix x) => Classifier.ArgMax(PredictProba(x));

    public string[] Predict(DenseMatrix x) => ClassLabels.Decode(PredictClassIds(x));

    public string[] Predict(SparseMatrix x) => ClassLabels.Decode(Classifier.ArgMax(PredictProba(x)));

    public int[] PredictIntegers(DenseMatrix x) => ClassLabels.DecodeIntegers(PredictClassIds(x));

    /// <summary>Mean accuracy on (<paramref name="x"/>, <paramref name="y"/>), as scikit-learn's <c>score</c>.</summary>
    public double Score(DenseMatrix x, IReadOnlyList<string> y) => Metrics.Metrics.Accuracy(y, Predict(x));

    /// <summary>Mean accuracy against integer labels (the model must have been fitted on integers).</summary>
    public double Score(DenseMatrix x, IReadOnlyList<int> y) => Metrics.Metrics.Accuracy(y, PredictIntegers(x));

    /// <summary>Restores a fitted model (persistence).</summary>
    internal void Restore(ClassLabels classes, IReadOnlyList<string> features, double[,] coefficients, double[] intercept)
    {
        _classes = classes;
        _features = features;
        Coefficients = coefficients;
        Intercept = intercept;
        Converged = true;
    }

    private static LinearDesign Design(DenseMatrix x) => LinearDesign.From(x ?? throw new ArgumentNullException(nameof(x)), FeatureCheck.Threads);

    private static LinearDesign Design(SparseMatrix x) => LinearDesign.From(x ?? throw new ArgumentNullException(nameof(x)), FeatureCheck.Threads);

    private static (ClassLabels Classes, int[] Ids) Labels(IReadOnlyList<string> y)
    {
        var classes = ClassLabels.FromNames(y ?? throw new ArgumentNullException(nameof(y)));
        return (classes, classes.Encode(y));
    }

    private static (ClassLabels Classes, int[] Ids) Labels(IReadOnlyList<int> y)
    {
        var classes = ClassLabels.FromIntegers(y ?? throw new ArgumentNullException(nameof(y)));
        return (classes, classes.Encode(y));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private LogisticRegression Fit(LinearDesign design, (ClassLabels Classes, int[] Ids) labels)
    {
        var (classes, ids) = labels;
        FeatureCheck.Rows(design.Rows, ids.Length);
        if (classes.Count < 2)
        {
            throw new ArgumentException($"LogisticRegression needs at least two classes; the labels hold only '{classes.Names[0]}'.");
        }

        if (C <= 0 || !double.IsFinite(C))
        {
            throw new ArgumentOutOfRangeException(nameof(C), C, "C must be a positive number.");
        }

        var k = classes.Count == 2 ? 1 : classes.Count;
        var d = design.Columns;
        var sampleWeights = BalancedClassWeights ? Balanced(ids, classes.Count) : null;
        var weightCount = k * d;
        var inverseC = 1.0 / C;
        // Hot from the first call: a fit can finish before the tiered JIT would promote these.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        double Objective(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            var weights = theta[..weightCount].ToArray();
            var intercept = FitIntercept ? theta[weightCount..].ToArray() : new double[k];
            var total = new double[weightCount + k];
            var loss = design.SumOverChunks([MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, count, buffer) =>
            {
                var scores = new double[count * k];
                design.Scores(weights, k, scores, start, count);
                var chunkLoss = Residuals(scores, intercept, ids, sampleWeights, start, count, k);
                design.AccumulateGradient(scores, k, buffer, start, count);
                for (var i = 0; i < count; i++)
                {
                    for (var c = 0; c < k; c++)
                    {
                        buffer[weightCount + c] += scores[(i * k) + c];
                    }
                }

                return chunkLoss;
            }, total);

            var penalty = 0.0;
            for (var j = 0; j < weightCount; j++)
            {
                penalty += weights[j] * weights[j];
                total[j] += inverseC * weights[j];
            }

            total.AsSpan(0, weightCount).CopyTo(gradient);
            if (FitIntercept)
            {
                total.AsSpan(weightCount, k).CopyTo(gradient[weightCount..]);
            }

            return loss + (0.5 * inverseC * penalty);
        }

        var result = Lbfgs.Minimize(Objective, new double[weightCount + (FitIntercept ? k : 0)], new LbfgsOptions { MaxIterations = MaxIterations, GradientTolerance = Tolerance });
        _classes = classes;
        _features = design.FeatureNames.ToArray();
        Coefficients = new double[k, d];
        Intercept = new double[k];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                Coefficients[c, j] = result.Solution[(c * d) + j];
            }

            Intercept[c] = FitIntercept ? result.Solution[weightCount + c] : 0.0;
        }

        Iterations = result.Iterations;
        FunctionEvaluations = result.Evaluations;
        Converged = result.Converged;
        SolverMessage = result.Message;
        return this;
    }

    /// <summary>Turns scores into residuals (p − y, weighted) in place and returns the chunk's weighted loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Residuals(double[] scores, double[] intercept, int[] ids, double[]? weights, int start, int count, int k)
    {
        var loss = 0.0;
        if (k == 1)
        {
            // One exp and one log per row: e = exp(−|z|), softplus(z) = max(z, 0) + log(1 + e),
            // sigmoid(z) = z ≥ 0 ? 1 / (1 + e) : e / (1 + e) — stable for any z.
            for (var i = 0; i < count; i++)
            {
                var w = weights?[start + i] ?? 1.0;
                var y = ids[start + i] == 1 ? 1.0 : 0.0;
                var z = scores[i] + intercept[0];
                var e = Math.Exp(-Math.Abs(z));
                loss += w * (Math.Max(z, 0.0) + Math.Log(1.0 + e) - (y * z));
                scores[i] = w * ((z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - y);
            }

            return loss;
        }

        // Shift each row by its maximum, exponentiate the whole chunk in one SIMD pass, then normalise per row.
        var shifted = new double[count];
        for (var i = 0; i < count; i++)
        {
            var row = scores.AsSpan(i * k, k);
            TensorPrimitives.Add(row, intercept, row);
            var max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            shifted[i] = row[ids[start + i]];
        }

        var all = scores.AsSpan(0, count * k);
        TensorPrimitives.Exp(all, all);
        for (var i = 0; i < count; i++)
        {
            var row = scores.AsSpan(i * k, k);
            var w = weights?[start + i] ?? 1.0;
            var sum = TensorPrimitives.Sum(row);
            loss += w * (Math.Log(sum) - shifted[i]);
            TensorPrimitives.Multiply(row, w / sum, row);
            row[ids[start + i]] -= w;
        }

        return loss;
    }

    private static double[] Balanced(int[] ids, int classes)
    {
        var counts = new double[classes];
        foreach (var id in ids)
        {
            counts[id]++;
        }

        return ids.Select(id => ids.Length / (classes * counts[id])).ToArray();
    }

    /// <summary>The decision function of <paramref name="x"/> ([rows, k] row-major) into <paramref name="scores"/>.</summary>
    private void Scores(DenseMatrix x, Span<double> scores)
    {
        FeatureCheck.Columns(x, FeatureNames, nameof(LogisticRegression));
        var length = Intercept.Length * x.Columns;
        var weights = ArrayPool<double>.Shared.Rent(length);
        try
        {
            FlattenWeights(weights);
            LinearDesign.Scores(x, weights.AsSpan(0, length), Intercept.Length, scores);
            AddIntercept(scores);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(weights);
        }
    }

    private double[,] Scores(LinearDesign design)
    {
        var weights = new double[Intercept.Length * design.Columns];
        FlattenWeights(weights);
        var result = new double[design.Rows, Intercept.Length];
        design.Scores(weights, Intercept.Length, Classifier.Flat(result), 0, design.Rows);
        AddIntercept(Classifier.Flat(result));
        return result;
    }

    /// <summary>Copies <see cref="Coefficients"/> into <paramref name="weights"/> as W [k, d] row-major, as <see cref="LinearDesign"/> reads it.</summary>
    private void FlattenWeights(Span<double> weights)
    {
        int k = Coefficients.GetLength(0), d = Coefficients.GetLength(1);
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                weights[(c * d) + j] = Coefficients[c, j];
            }
        }
    }

    private void AddIntercept(Span<double> scores)
    {
        var k = Intercept.Length;
        for (var i = 0; i < scores.Length; i += k)
        {
            for (var c = 0; c < k; c++)
            {
                scores[i + c] += Intercept[c];
            }
        }
    }

    private static double[,] Probabilities(double[,] scores)
    {
        var result = new double[scores.GetLength(0), Math.Max(2, scores.GetLength(1))];
        Probabilities(Classifier.Flat(scores), scores.GetLength(1), Classifier.Flat(result));
        return result;
    }

    /// <summary>Class probabilities from scores [n, k]: a sigmoid for the log-odds when k is 1, else a softmax.</summary>
    private static void Probabilities(ReadOnlySpan<double> scores, int k, Span<double> probabilities)
    {
        if (k != 1)
        {
            Classifier.Softmax(scores, k, probabilities);
            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var p = 1.0 / (1.0 + Math.Exp(-scores[i]));
            probabilities[2 * i] = 1.0 - p;
            probabilities[(2 * i) + 1] = p;
        }
    }
}
