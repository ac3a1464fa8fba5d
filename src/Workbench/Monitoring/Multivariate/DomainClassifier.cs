using Workbench.Data;
using Workbench.Learning.Estimators;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Columns;
using LearningMetrics = Workbench.Learning.Metrics.Metrics;

namespace Workbench.Monitoring.Multivariate;

/// <summary>How the domain classifier samples, encodes and decides.</summary>
public sealed record DomainClassifierOptions
{
    /// <summary>Rows drawn from each side (the smaller side's size when it has fewer); both sides get the same count so chance is AUC 0.5.</summary>
    public int MaxRowsPerSide { get; init; } = 5000;

    /// <summary>Stratified cross-validation folds.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// The out-of-fold ROC AUC from which the batch counts as drifted. 0.55 is Evidently's threshold for its
    /// domain-classifier drift: with a few hundred rows per side an AUC up to about 0.53 is chance.
    /// </summary>
    public double Threshold { get; init; } = 0.55;

    /// <summary>Labels one-hot encoded per categorical column (the most frequent in the reference; the rest share one column).</summary>
    public int MaxCategories { get; init; } = 20;

    /// <summary>Fewest rows per side for a meaningful test.</summary>
    public int MinimumRows { get; init; } = 20;

    public int Seed { get; init; } = 42;
}

/// <summary>The domain classifier's verdict: can a model tell current rows from reference rows?</summary>
public sealed record MultivariateDriftResult
{
    /// <summary>Out-of-fold ROC AUC of "row is current" (0.5: indistinguishable; 1: fully separable).</summary>
    public double RocAuc { get; init; } = double.NaN;

    public double Threshold { get; init; }

    public bool Drifted { get; init; }

    public IReadOnlyList<double> FoldAucs { get; init; } = [];

    public int RowsPerSide { get; init; }

    /// <summary>The encoded features with the largest standardized coefficients, most telling first.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> TopFeatures { get; init; } = [];

    /// <summary>Why the test did not run; null when it did.</summary>
    public string? NotTested { get; init; }

    public bool Tested => NotTested is null;

    public override string ToString() => Tested
        ? $"Domain classifier ROC AUC {RocAuc:F3} (threshold {Threshold:F2}): {(Drifted ? "multivariate drift" : "no multivariate drift")}"
        : $"Domain classifier not run: {NotTested}";
}

/// <summary>
/// Multivariate drift by a domain classifier: reference and current rows (equal numbers, sampled with a fixed seed)
/// are labelled 0 and 1, the baseline's features encoded (numbers standardized by the reference with missing values
/// at the reference mean plus a missing indicator; labels one-hot), and a logistic regression
/// (<see cref="LogisticRegression"/>) is cross-validated with stratified folds. When its out-of-fold ROC AUC reaches
/// the threshold the two samples differ jointly, even if no single column drifted enough on its own.
/// </summary>
public static class DomainClassifier
{
    public static MultivariateDriftResult Test(Baseline baseline, Frame current, DomainClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DomainClassifierOptions();
        if (options.Folds < 2 || options.MaxRowsPerSide < 2 || options.MinimumRows < 2)
        {
            throw new ArgumentException("the domain classifier needs at least 2 folds and 2 rows per side.");
        }

        var result = new MultivariateDriftResult { Threshold = options.Threshold };
        if (baseline.Reference is not { } reference)
        {
            return result with { NotTested = "the baseline holds statistics only, no reference rows" };
        }

        var features = baseline.Features
            .Where(c => c.Kind is FeatureKind.Numeric or FeatureKind.Categorical or FeatureKind.Boolean && current.Contains(c.Name) && reference.Contains(c.Name))
            .ToList();
        if (features.Count == 0)
        {
            return result with { NotTested = "no numeric or categorical feature is present on both sides" };
        }

        var perSide = Math.Min(options.MaxRowsPerSide, Math.Min(reference.RowCount, current.RowCount));
        if (perSide < Math.Max(options.MinimumRows, options.Folds))
        {
            return result with { NotTested = $"too few rows ({Math.Min(reference.RowCount, current.RowCount)} on the smaller side, {options.MinimumRows} needed)" };
        }

        var random = new Random(options.Seed);
        var referenceRows = Sample(reference.RowCount, perSide, random);
        var currentRows = Sample(current.RowCount, perSide, random);
        var encoders = features.Select(f => Encoder.For(f, reference[f.Name], options.MaxCategories)).ToList();
        var names = encoders.SelectMany(e => e.Names).ToArray();
        var width = names.Length;
        var values = new float[2 * perSide * width];
        var labels = new int[2 * perSide];
        var offset = 0;
        foreach (var e in encoders)
        {
            e.Encode(reference[e.Column], referenceRows, values, 0, width, offset);
            e.Encode(current[e.Column], currentRows, values, perSide, width, offset);
            offset += e.Names.Count;
        }

        for (var i = perSide; i < labels.Length; i++)
        {
            labels[i] = 1;
        }

        var folds = StratifiedFolds(labels, options.Folds, random);
        var outOfFold = new double[labels.Length];
        var foldAucs = new List<double>();
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var train = Enumerable.Range(0, labels.Length).Where(i => folds[i] != fold).ToArray();
            var test = Enumerable.Range(0, labels.Length).Where(i => folds[i] == fold).ToArray();
            var model = new LogisticRegression { MaxIterations = 200 }.Fit(Rows(values, width, train, names), train.Select(i => labels[i]).ToArray());
            var probabilities = model.PredictProba(Rows(values, width, test, names));
            var positive = model.ClassLabels.Integers!.ToList().IndexOf(1);
            var scores = new double[test.Length];
            for (var t = 0; t < test.Length; t++)
            {
                scores[t] = probabilities[t, positive];
                outOfFold[test[t]] = scores[t];
            }

            foldAucs.Add(LearningMetrics.RocAuc(test.Select(i => labels[i]).ToArray(), scores));
        }

        var auc = LearningMetrics.RocAuc(labels, outOfFold);
        var full = new LogisticRegression { MaxIterations = 200 }.Fit(new DenseMatrix(values, labels.Length, width, names), labels);
        var top = Enumerable.Range(0, width)
            .Select(j => new KeyValuePair<string, double>(names[j], full.Coefficients[0, j]))
            .OrderByDescending(p => Math.Abs(p.Value))
            .Take(10)
            .ToList();
        return result with
        {
            RocAuc = auc,
            Drifted = auc >= options.Threshold,
            FoldAucs = foldAucs,
            RowsPerSide = perSide,
            TopFeatures = top,
        };
    }

    private static int[] Sample(int rows, int count, Random random)
    {
        var all = Enumerable.Range(0, rows).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, rows);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..count];
    }

    private static int[] StratifiedFolds(int[] labels, int folds, Random random)
    {
        var assignment = new int[labels.Length];
        foreach (var label in new[] { 0, 1 })
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                assignment[members[k]] = k % folds;
            }
        }

        return assignment;
    }

    private static DenseMatrix Rows(float[] values, int width, int[] rows, string[] names)
    {
        var selected = new float[rows.Length * width];
        for (var r = 0; r < rows.Length; r++)
        {
            Array.Copy(values, rows[r] * width, selected, r * width, width);
        }

        return new DenseMatrix(selected, rows.Length, width, names);
    }

    /// <summary>Encodes one baseline feature into one or more matrix columns, fitted on the reference.</summary>
    private sealed class Encoder
    {
        private readonly bool _numeric;
        private readonly double _mean;
        private readonly double _scale;
        private readonly bool _indicator;
        private readonly bool _boolean;
        private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

        private Encoder(string column, bool numeric, double mean, double scale, bool indicator, IReadOnlyList<string> labels, bool boolean = false)
        {
            Column = column;
            _boolean = boolean;
            _numeric = numeric;
            _mean = mean;
            _scale = scale;
            _indicator = indicator;
            var names = new List<string>();
            if (numeric)
            {
                names.Add(column);
                if (indicator)
                {
                    names.Add($"{column}=missing");
                }
            }
            else
            {
                foreach (var label in labels)
                {
                    _slots[label] = names.Count;
                    names.Add($"{column}={label}");
                }

                names.Add($"{column}=(other)");
            }

            Names = names;
        }

        public string Column { get; }

        public IReadOnlyList<string> Names { get; }

        public static Encoder For(ColumnBaseline feature, Column reference, int maxCategories)
        {
            if (feature.Kind == FeatureKind.Numeric)
            {
                var values = ColumnReader.Numbers(reference);
                var mean = values.Count == 0 ? 0 : values.Sorted.Average();
                var variance = values.Count == 0 ? 0 : values.Sorted.Sum(v => (v - mean) * (v - mean)) / values.Count;
                return new Encoder(feature.Name, true, mean, variance > 0 ? Math.Sqrt(variance) : 1, indicator: true, []);
            }

            var labels = ColumnReader.Labels(reference, booleans: feature.Kind == FeatureKind.Boolean).Counts
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(maxCategories).Select(p => p.Key).ToList();
            return new Encoder(feature.Name, false, 0, 1, false, labels, feature.Kind == FeatureKind.Boolean);
        }

        public void Encode(Column column, int[] rows, float[] values, int firstRow, int width, int offset)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var target = ((firstRow + r) * width) + offset;
                var row = rows[r];
                if (_numeric)
                {
                    var text = column.IsNull(row) ? null : column.Format(row);
                    var present = text is not null && ColumnReader.TryParseNumber(text, out var number) && double.IsFinite(number);
                    values[target] = present ? (float)((double.Parse(text!, System.Globalization.CultureInfo.InvariantCulture) - _mean) / _scale) : 0f;
                    if (_indicator)
                    {
                        values[target + 1] = present ? 0f : 1f;
                    }
                }
                else
                {
                    var label = column.IsNull(row) ? null : column.Format(row);
                    if (label is not null && _boolean)
                    {
                        label = ColumnReader.BooleanLabel(label);
                    }

                    var slot = label is not null && _slots.TryGetValue(label, out var s) ? s : Names.Count - 1;
                    if (label is not null)
                    {
                        values[target + slot] = 1f;
                    }
                }
            }
        }
    }
}
