using System.Globalization;
using System.Text.Json;
using Workbench.Learning;
using Workbench.Learning.Metrics;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

/// <summary>Every metric equals scikit-learn 1.2's on the same predictions, to 1e-9 (Debian's python3-sklearn via PythonPeer).</summary>
public sealed class MetricsConformanceTests
{
    private const double Tolerance = 1e-9;

    private static readonly Lazy<(Fixture Data, JsonElement Sklearn)> Reference = new(Compute);

    [Fact]
    public void Label_metrics_match_sklearn()
    {
        var (data, sk) = Reference.Value;
        Close(Metrics.Accuracy(data.MultiTrue, data.MultiPred), sk, "accuracy");
        Close(Metrics.BalancedAccuracy(data.MultiTrue, data.MultiPred), sk, "balanced_accuracy");
        foreach (var average in new[] { Average.Macro, Average.Micro, Average.Weighted })
        {
            var name = average.ToString().ToLowerInvariant();
            Close(Metrics.Precision(data.MultiTrue, data.MultiPred, average), sk, $"precision_{name}");
            Close(Metrics.Recall(data.MultiTrue, data.MultiPred, average), sk, $"recall_{name}");
            Close(Metrics.F1(data.MultiTrue, data.MultiPred, average), sk, $"f1_{name}");
            Close(Metrics.FBeta(data.MultiTrue, data.MultiPred, 0.5, average), sk, $"fbeta_{name}");
        }

        Close(Metrics.Precision(data.BinaryTrue, data.BinaryPred), sk, "precision_binary");
        Close(Metrics.Recall(data.BinaryTrue, data.BinaryPred), sk, "recall_binary");
        Close(Metrics.F1(data.BinaryTrue, data.BinaryPred), sk, "f1_binary");
        Close(Metrics.F1(data.BinaryTrue, data.BinaryPred, positiveLabel: 0), sk, "f1_binary_pos0");
        Close(Metrics.BalancedAccuracy(data.BinaryTrue, data.BinaryPred), sk, "balanced_accuracy_binary");

        var matrix = Metrics.ConfusionMatrix(data.MultiTrue, data.MultiPred);
        matrix.Labels.Should().Equal("ant", "bee", "cat", "dog", "eel");
        var expected = sk.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            for (var j = 0; j < expected.Length; j++)
            {
                matrix[i, j].Should().Be(expected[i][j], $"confusion[{i}, {j}]");
            }
        }

        var report = Metrics.ClassificationReport(data.MultiTrue, data.MultiPred);
        report.MacroAverage.F1.Should().BeApproximately(sk.GetProperty("f1_macro").GetDouble(), Tolerance);
        report.Classes.Select(c => c.Support).Should().Equal(expected.Select(r => r.Sum()));
    }

    [Fact]
    public void Ranking_metrics_and_curves_match_sklearn()
    {
        var (data, sk) = Reference.Value;
        Close(Metrics.RocAuc(data.BinaryTrue, data.BinaryScores), sk, "roc_auc");
        Close(Metrics.AveragePrecision(data.BinaryTrue, data.BinaryScores), sk, "average_precision");
        Close(Metrics.PrAuc(data.BinaryTrue, data.BinaryScores), sk, "pr_auc_trapezoid");
        Close(Metrics.RocAuc(data.StringTrue, data.BinaryScores), sk, "roc_auc_strings");
        foreach (var average in new[] { Average.Macro, Average.Weighted, Average.Micro })
        {
            var name = average.ToString().ToLowerInvariant();
            Close(Metrics.RocAuc(data.MultiTrue, data.MultiProbabilities, average), sk, $"roc_auc_ovr_{name}");
            Close(Metrics.AveragePrecision(data.MultiTrue, data.MultiProbabilities, average), sk, $"average_precision_ovr_{name}");
        }

        var roc = Metrics.RocCurve(data.BinaryTrue, data.BinaryScores);
        Series(roc.FalsePositiveRate, sk, "roc_fpr");
        Series(roc.TruePositiveRate, sk, "roc_tpr");
        roc.Thresholds[0].Should().Be(double.PositiveInfinity, "the first threshold predicts nothing positive (sklearn >= 1.3; 1.2 wrote max + 1)");
        Series(roc.Thresholds[1..], sk, "roc_thresholds", skip: 1);
        roc.Auc.Should().BeApproximately(sk.GetProperty("roc_auc").GetDouble(), Tolerance);

        var full = Metrics.RocCurve(data.BinaryTrue, data.BinaryScores, dropIntermediate: false);
        Series(full.FalsePositiveRate, sk, "roc_fpr_full");

        var pr = Metrics.PrecisionRecallCurve(data.BinaryTrue, data.BinaryScores);
        Series(pr.Precision, sk, "pr_precision");
        Series(pr.Recall, sk, "pr_recall");
        Series(pr.Thresholds, sk, "pr_thresholds");
    }

    [Fact]
    public void Probability_metrics_match_sklearn()
    {
        var (data, sk) = Reference.Value;
        Close(Metrics.LogLoss(data.MultiTrue, data.MultiProbabilities), sk, "log_loss");
        Close(Metrics.LogLoss(data.BinaryTrue, data.BinaryScores), sk, "log_loss_binary");
        Close(Metrics.LogLoss(data.BinaryTrue, data.ExtremeScores), sk, "log_loss_extreme");
        Close(Metrics.BrierScore(data.BinaryTrue, data.BinaryScores), sk, "brier");
        Close(Metrics.BrierScore(data.StringTrue, data.BinaryScores, positiveLabel: "sick"), sk, "brier_strings");
        Close(Metrics.BrierScore(data.MultiTrue, data.MultiProbabilities), sk, "brier_multiclass_numpy");

        foreach (var binning in new[] { CalibrationBinning.Uniform, CalibrationBinning.Quantile })
        {
            var name = binning.ToString().ToLowerInvariant();
            var curve = Metrics.CalibrationCurve(data.BinaryTrue, data.BinaryScores, bins: 8, binning: binning);
            Series(curve.FractionOfPositives, sk, $"calibration_true_{name}");
            Series(curve.MeanPredictedProbability, sk, $"calibration_pred_{name}");
            Close(curve.ExpectedCalibrationError, sk, $"ece_{name}");
        }

        Close(Metrics.ExpectedCalibrationError(data.MultiTrue, data.MultiProbabilities, bins: 10), sk, "ece_top_label");
    }

    [Fact]
    public void Regression_metrics_match_sklearn()
    {
        var (data, sk) = Reference.Value;
        Close(Metrics.MeanSquaredError(data.RegressionTrue, data.RegressionPred), sk, "mse");
        Close(Metrics.RootMeanSquaredError(data.RegressionTrue, data.RegressionPred), sk, "rmse");
        Close(Metrics.MeanAbsoluteError(data.RegressionTrue, data.RegressionPred), sk, "mae");
        Close(Metrics.R2(data.RegressionTrue, data.RegressionPred), sk, "r2");
        Metrics.R2([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]).Should().Be(1.0);
        Metrics.R2([2.0, 2.0, 2.0], [2.0, 1.0, 2.0]).Should().Be(0.0);
    }

    [Fact]
    public void Bad_input_is_named_in_the_error()
    {
        var lengths = () => Metrics.Accuracy([1, 0, 1], [1, 0]);
        lengths.Should().Throw<ArgumentException>().WithMessage("*yTrue has 3 entries but yPred has 2*");
        var multiclassBinary = () => Metrics.F1([0, 1, 2], [0, 1, 2]);
        multiclassBinary.Should().Throw<ArgumentException>().WithMessage("*average=Binary needs at most two classes*");
        var strings = () => Metrics.Precision(["yes", "no"], ["yes", "yes"]);
        strings.Should().Throw<ArgumentException>().WithMessage("*Name the positive class*");
        var oneClass = () => Metrics.RocAuc([1, 1, 1], [0.2, 0.4, 0.9]);
        oneClass.Should().Throw<ArgumentException>().WithMessage("*Only one class*");
        var columns = () => Metrics.LogLoss(["a", "b", "c"], new double[3, 2]);
        columns.Should().Throw<ArgumentException>().WithMessage("*2 columns but there are 3 classes*");
    }

    private static void Close(double actual, JsonElement sklearn, string name) =>
        actual.Should().BeApproximately(sklearn.GetProperty(name).GetDouble(), Tolerance, name);

    private static void Series(double[] actual, JsonElement sklearn, string name, int skip = 0)
    {
        var expected = sklearn.GetProperty(name).EnumerateArray().Skip(skip).Select(v => v.GetDouble()).ToArray();
        actual.Should().HaveCount(expected.Length, name);
        for (var i = 0; i < expected.Length; i++)
        {
            actual[i].Should().BeApproximately(expected[i], Tolerance, $"{name}[{i}]");
        }
    }

    private static (Fixture, JsonElement) Compute()
    {
        var data = Fixture.Create();
        using var folder = new TempDirectory("metrics");
        var input = folder.Write("input.json", JsonSerializer.Serialize(data));
        var output = PythonPeer.Run(Script, [input]);
        return (data, JsonDocument.Parse(output).RootElement.Clone());
    }

    internal sealed record Fixture(
        int[] BinaryTrue, int[] BinaryPred, double[] BinaryScores, double[] ExtremeScores, string[] StringTrue,
        string[] MultiTrue, string[] MultiPred, [property: System.Text.Json.Serialization.JsonIgnore] double[,] MultiProbabilities, double[][] MultiRows,
        double[] RegressionTrue, double[] RegressionPred)
    {
        public static Fixture Create()
        {
            var random = new DeterministicRandom(2024);
            const int n = 600;
            var binaryTrue = new int[n];
            var scores = new double[n];
            var extreme = new double[n];
            for (var i = 0; i < n; i++)
            {
                binaryTrue[i] = random.NextDouble() < 0.35 ? 1 : 0;
                // Rounded to two decimals so many scores tie, as real classifiers' do.
                scores[i] = Math.Round(Math.Clamp((0.3 * binaryTrue[i]) + (0.7 * random.NextDouble()), 0, 1), 2);
                extreme[i] = i % 7 == 0 ? binaryTrue[i] : i % 11 == 0 ? 1 - binaryTrue[i] : scores[i];
            }

            var names = new[] { "eel", "cat", "ant", "dog", "bee" };
            var sorted = names.Order(StringComparer.Ordinal).ToArray();
            var multiTrue = new string[n];
            var multiPred = new string[n];
            var probabilities = new double[n, 5];
            var rows = new double[n][];
            for (var i = 0; i < n; i++)
            {
                var truth = random.NextInt(5);
                multiTrue[i] = sorted[truth];
                var logits = Enumerable.Range(0, 5).Select(c => random.NextGaussian() + (c == truth ? 1.5 : 0.0)).ToArray();
                var max = logits.Max();
                var exp = logits.Select(v => Math.Exp(v - max)).ToArray();
                var sum = exp.Sum();
                rows[i] = exp.Select(v => v / sum).ToArray();
                for (var c = 0; c < 5; c++)
                {
                    probabilities[i, c] = rows[i][c];
                }

                multiPred[i] = sorted[Array.IndexOf(rows[i], rows[i].Max())];
            }

            // "eel" is never predicted in a few rows and some predictions are noise, so zero-division paths run.
            for (var i = 0; i < n; i += 9)
            {
                multiPred[i] = sorted[random.NextInt(4)];
            }

            var regressionTrue = Enumerable.Range(0, n).Select(_ => random.NextGaussian() * 3).ToArray();
            var regressionPred = regressionTrue.Select(v => v + (random.NextGaussian() * 0.8)).ToArray();
            return new Fixture(
                binaryTrue,
                scores.Select(s => s >= 0.5 ? 1 : 0).ToArray(),
                scores,
                extreme,
                binaryTrue.Select(v => v == 1 ? "sick" : "healthy").ToArray(),
                multiTrue,
                multiPred,
                probabilities,
                rows,
                regressionTrue,
                regressionPred);
        }
    }

    private const string Script = """
        import json, sys
        import numpy as np
        from sklearn import metrics as m
        from sklearn.calibration import calibration_curve
        from sklearn.preprocessing import label_binarize
        d = json.load(open(sys.argv[1]))
        bt, bp, bs = np.array(d["BinaryTrue"]), np.array(d["BinaryPred"]), np.array(d["BinaryScores"])
        st = np.array(d["StringTrue"])
        mt, mp, P = np.array(d["MultiTrue"]), np.array(d["MultiPred"]), np.array(d["MultiRows"])
        r = {}
        r["accuracy"] = m.accuracy_score(mt, mp)
        r["balanced_accuracy"] = m.balanced_accuracy_score(mt, mp)
        r["balanced_accuracy_binary"] = m.balanced_accuracy_score(bt, bp)
        for a in ["macro", "micro", "weighted"]:
            r["precision_" + a] = m.precision_score(mt, mp, average=a, zero_division=0)
            r["recall_" + a] = m.recall_score(mt, mp, average=a, zero_division=0)
            r["f1_" + a] = m.f1_score(mt, mp, average=a, zero_division=0)
            r["fbeta_" + a] = m.fbeta_score(mt, mp, beta=0.5, average=a, zero_division=0)
            r["roc_auc_ovr_" + a] = m.roc_auc_score(mt, P, multi_class="ovr", average=a)
            Y = label_binarize(mt, classes=sorted(set(mt)))
            r["average_precision_ovr_" + a] = m.average_precision_score(Y, P, average=a)
        r["precision_binary"] = m.precision_score(bt, bp)
        r["recall_binary"] = m.recall_score(bt, bp)
        r["f1_binary"] = m.f1_score(bt, bp)
        r["f1_binary_pos0"] = m.f1_score(bt, bp, pos_label=0)
        r["confusion"] = m.confusion_matrix(mt, mp).tolist()
        r["roc_auc"] = m.roc_auc_score(bt, bs)
        r["roc_auc_strings"] = m.roc_auc_score(st, bs)
        r["average_precision"] = m.average_precision_score(bt, bs)
        p, rc, t = m.precision_recall_curve(bt, bs)
        r["pr_precision"], r["pr_recall"], r["pr_thresholds"] = p.tolist(), rc.tolist(), t.tolist()
        r["pr_auc_trapezoid"] = m.auc(rc, p)
        f, tp, t = m.roc_curve(bt, bs)
        r["roc_fpr"], r["roc_tpr"], r["roc_thresholds"] = f.tolist(), tp.tolist(), t.tolist()
        r["roc_fpr_full"] = m.roc_curve(bt, bs, drop_intermediate=False)[0].tolist()
        r["log_loss"] = m.log_loss(mt, P)
        r["log_loss_binary"] = m.log_loss(bt, bs)
        r["log_loss_extreme"] = m.log_loss(bt, np.array(d["ExtremeScores"]))
        r["brier"] = m.brier_score_loss(bt, bs)
        r["brier_strings"] = m.brier_score_loss(st, bs, pos_label="sick")
        Y = label_binarize(mt, classes=sorted(set(mt)))
        r["brier_multiclass_numpy"] = float(np.mean(np.sum((P - Y) ** 2, axis=1)))
        for s in ["uniform", "quantile"]:
            pt, pp = calibration_curve(bt, bs, n_bins=8, strategy=s)
            r["calibration_true_" + s], r["calibration_pred_" + s] = pt.tolist(), pp.tolist()
            edges = np.linspace(0, 1, 9) if s == "uniform" else np.percentile(bs, np.linspace(0, 1, 9) * 100)
            ids = np.searchsorted(edges[1:-1], bs)
            counts = np.bincount(ids, minlength=8)
            nz = counts > 0
            r["ece_" + s] = float(np.sum(counts[nz] / len(bs) * np.abs(pt - pp)))
        conf = P.max(axis=1)
        correct = (np.array(sorted(set(mt)))[P.argmax(axis=1)] == mt).astype(float)
        ids = np.searchsorted(np.linspace(0, 1, 11)[1:-1], conf)
        ece = 0.0
        for b in range(10):
            sel = ids == b
            if sel.any():
                ece += sel.sum() / len(conf) * abs(correct[sel].mean() - conf[sel].mean())
        r["ece_top_label"] = ece
        yt, yp = np.array(d["RegressionTrue"]), np.array(d["RegressionPred"])
        r["mse"] = m.mean_squared_error(yt, yp)
        r["rmse"] = m.mean_squared_error(yt, yp, squared=False)
        r["mae"] = m.mean_absolute_error(yt, yp)
        r["r2"] = m.r2_score(yt, yp)
        print(json.dumps(r))
        """;
}
