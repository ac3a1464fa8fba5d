using Workbench.Data;
using Workbench.Data.Splits;
using Workbench.Features.Persistence;

namespace Workbench.Features;

/// <summary>
/// Replaces each category by a smoothed mean of the target over the rows of that category, fitted out of fold so a
/// model never sees its own rows' targets through the encoding. scikit-learn 1.2 has no <c>TargetEncoder</c>; this
/// follows the shape of 1.3's (fit on all rows for <c>Transform</c>; out-of-fold values from <c>FitTransform</c>)
/// with an explicit smoothing:
/// <code>encoding(c) = (sum of y over rows of c + Smoothing * prior) / (rows of c + Smoothing),   prior = mean of y</code>
/// </summary>
/// <remarks>
/// <para><b>Out of fold.</b> <c>FitTransform</c> splits the rows into <see cref="Folds"/> shuffled folds (seeded by
/// <see cref="Seed"/>, the same split as <c>DataSplit.KFold</c>); each fold's rows are encoded with statistics and
/// prior from the other folds only. <c>Fit</c> alone, and <c>Transform</c> afterwards, use all rows. So
/// <c>FitTransform(train)</c> differs from <c>Fit(train).Transform(train)</c> by design: train the model on the former.</para>
/// <para><b>Target.</b> Numbers (regression), booleans (0 / 1), or text with exactly two classes, the positive class
/// being the second in ordinal order (as scikit-learn's LabelEncoder orders them); rows with a missing target are
/// left out of the statistics. More classes fail: encode one class against the rest first.</para>
/// <para><b>Categories.</b> Missing values are a category of their own; categories unseen at fit time (or absent
/// from a fold's other rows) get the prior.</para>
/// </remarks>
public sealed class TargetEncoder : FrameTransform<TargetEncoder>
{
    private CategorySet[] _sets = [];
    private double[][] _encodings = [];
    private double _prior;
    private string? _positiveClass;

    public override string Kind => "target_encoder";

    public override bool NeedsTarget => true;

    /// <summary>Folds for the out-of-fold encoding in <c>FitTransform</c> (at least 2).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the fold shuffle.</summary>
    public int Seed { get; init; }

    /// <summary>Pseudo-rows of the prior mixed into every category (0: the raw category mean).</summary>
    public double Smoothing { get; init; } = 10;

    /// <summary>The target's mean over the fitted rows.</summary>
    public double Prior => IsFitted ? _prior : throw NotFitted(nameof(Prior));

    /// <summary>For a two-class text target, the class counted as 1.</summary>
    public string? PositiveClass => IsFitted ? _positiveClass : throw NotFitted(nameof(PositiveClass));

    /// <summary>The encoding of each category per input column (the missing category last, when it occurred).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Encodings => IsFitted
        ? _sets.Select((s, c) => (IReadOnlyDictionary<string, double>)Enumerable.Range(0, s.Size).ToDictionary(s.Label, k => _encodings[c][k])).ToArray()
        : throw NotFitted(nameof(Encodings));

    public override string Describe() => $"TargetEncoder(folds={Folds}, smoothing={FeatureColumns.Text(Smoothing)})";

    private protected override void FitCore(Frame frame, Column? target)
    {
        var y = Targets(target!);
        FitAll(frame, y);
    }

    private protected override FeatureOutput FitTransformCore(Frame frame, Column? target)
    {
        var y = Targets(target!);
        FitAll(frame, y);
        var outputs = new double[frame.ColumnCount][];
        var codes = _sets.Select((s, c) => s.Encode(frame[c], out _)).ToArray();
        for (var c = 0; c < outputs.Length; c++)
        {
            outputs[c] = new double[frame.RowCount];
        }

        foreach (var fold in DataSplit.KFold(frame.RowCount, Folds, Seed))
        {
            var prior = Mean(y, fold.Train);
            for (var c = 0; c < outputs.Length; c++)
            {
                var encodings = Encode(codes[c], _sets[c].Size, y, fold.Train, prior);
                foreach (var row in fold.Test)
                {
                    var code = codes[c][row];
                    outputs[c][row] = code >= 0 ? encodings[code] : prior;
                }
            }
        }

        return FeatureOutput.Dense(FeatureColumns.Output(frame.ColumnNames, outputs));
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var outputs = new double[frame.ColumnCount][];
        for (var c = 0; c < outputs.Length; c++)
        {
            var codes = _sets[c].Encode(frame[c], out _);
            var values = new double[codes.Length];
            for (var r = 0; r < values.Length; r++)
            {
                values[r] = codes[r] >= 0 ? _encodings[c][codes[r]] : _prior;
            }

            outputs[c] = values;
        }

        return FeatureOutput.Dense(FeatureColumns.Output(frame.ColumnNames, outputs));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => FeatureNamesIn;

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        parameters.Set("folds", Folds).Set("seed", Seed).Set("smoothing", Smoothing);
        state.Set("prior", _prior)
            .Set("positive_class", _positiveClass)
            .Set("per_column", _sets.Select((s, c) => s.ToJson().Set("encodings", _encodings[c])));
    }

    internal static TargetEncoder Create(StateReader parameters) => new()
    {
        Folds = parameters.Int32("folds", 2),
        Seed = parameters.Int32("seed"),
        Smoothing = parameters.Double("smoothing") is var s && s >= 0 ? s : throw parameters.Fail("smoothing", "must not be negative"),
    };

    internal override void ReadState(StateReader state)
    {
        _prior = state.Double("prior");
        _positiveClass = state.OptionalString("positive_class");
        var items = state.Objects("per_column", FeatureNamesIn.Count);
        _sets = new CategorySet[items.Count];
        _encodings = new double[items.Count][];
        for (var c = 0; c < items.Count; c++)
        {
            _sets[c] = CategorySet.FromJson(items[c], FeatureNamesIn[c]);
            _encodings[c] = ScaleChecks.Finite(items[c], "encodings", items[c].Doubles("encodings", _sets[c].Size));
        }
    }

    private void FitAll(Frame frame, double[] y)
    {
        if (Folds < 2)
        {
            throw new ArgumentException($"{Name}: Folds must be at least 2, got {Folds}.");
        }

        if (!(Smoothing >= 0))
        {
            throw new ArgumentException($"{Name}: Smoothing must not be negative, got {Smoothing}.");
        }

        var all = Enumerable.Range(0, frame.RowCount).ToArray();
        _prior = Mean(y, all);
        _sets = new CategorySet[frame.ColumnCount];
        _encodings = new double[frame.ColumnCount][];
        for (var c = 0; c < _sets.Length; c++)
        {
            _sets[c] = CategorySet.Fit(frame[c], null, allowMissingCategory: true, Name);
            _encodings[c] = Encode(_sets[c].Encode(frame[c], out _), _sets[c].Size, y, all, _prior);
        }
    }

    private double[] Encode(int[] codes, int size, double[] y, int[] rows, double prior)
    {
        var sums = new double[size];
        var counts = new double[size];
        foreach (var row in rows)
        {
            var code = codes[row];
            if (code >= 0 && !double.IsNaN(y[row]))
            {
                sums[code] += y[row];
                counts[code]++;
            }
        }

        var encodings = new double[size];
        for (var k = 0; k < size; k++)
        {
            encodings[k] = counts[k] + Smoothing > 0 ? (sums[k] + (Smoothing * prior)) / (counts[k] + Smoothing) : prior;
        }

        return encodings;
    }

    private double Mean(double[] y, int[] rows)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var row in rows)
        {
            if (!double.IsNaN(y[row]))
            {
                sum += y[row];
                count++;
            }
        }

        return count > 0 ? sum / count : throw new ArgumentException($"{Name}: the target has no values in the rows to fit on.");
    }

    /// <summary>The target as numbers (NaN where missing); a two-class text target becomes 0 / 1.</summary>
    private double[] Targets(Column target)
    {
        _positiveClass = null;
        if (target.IsNumeric)
        {
            return FeatureColumns.Numbers(target, Name);
        }

        if (target.Type is not (ColumnType.String or ColumnType.Categorical))
        {
            throw new ArgumentException($"{Name}: the target '{target.Name}' is {target.Type.DisplayName()}; use numbers, booleans or two classes of text.");
        }

        var labels = FeatureColumns.LabelsOf(target);
        var counts = labels.Counts();
        var classes = labels.Texts.Where((_, i) => counts[i] > 0).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length != 2)
        {
            throw new ArgumentException(
                $"{Name}: the target '{target.Name}' has {classes.Length} classes ({string.Join(", ", classes.Take(5))}); target encoding here takes a number or two classes: encode one class against the rest first.");
        }

        _positiveClass = classes[1];
        var y = new double[target.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var code = labels.Codes[i];
            y[i] = code < 0 ? double.NaN : labels.Texts[code] == _positiveClass ? 1 : 0;
        }

        return y;
    }
}
