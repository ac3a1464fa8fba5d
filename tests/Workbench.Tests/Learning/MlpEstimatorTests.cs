using System.Globalization;
using Workbench.Learning.Estimators;
using Workbench.Learning.Metrics;
using Workbench.Learning.Training;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

public sealed class MlpEstimatorTests
{
    [Fact]
    public void Classifier_learns_digits_and_breast_cancer_like_sklearn_does()
    {
        var (x, y) = SampleData.Load("digits.csv", "label");
        var (trainRows, testRows) = SampleData.Split(x.Rows, seed: 11);
        var (train, test) = SampleData.Standardize(SampleData.Rows(x, trainRows), SampleData.Rows(x, testRows));
        var labels = y.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var model = new MlpClassifier { HiddenLayerSizes = [128, 64], BatchSize = 64, MaxEpochs = 40, RandomState = 1 }.Fit(train, SampleData.Rows(labels, trainRows));
        Metrics.Accuracy(SampleData.Rows(labels, testRows), model.PredictIntegers(test)).Should().BeGreaterThan(0.95);
        model.Score(test, SampleData.Rows(labels, testRows)).Should().Be(Metrics.Accuracy(SampleData.Rows(labels, testRows), model.PredictIntegers(test)));
        model.History.Metric("loss").Should().BeInDescendingOrder(l => l).And.NotBeEmpty();
        model.Classes.Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

        var (bx, by) = SampleData.Load("breast_cancer.csv", "diagnosis");
        var (btrain, btest) = SampleData.Split(bx.Rows, seed: 12);
        var (bTrain, bTest) = SampleData.Standardize(SampleData.Rows(bx, btrain), SampleData.Rows(bx, btest));
        var cancer = new MlpClassifier { HiddenLayerSizes = [32], EarlyStopping = true, RandomState = 2, Dropout = 0.1, Normalization = MlpNormalization.LayerNorm }.Fit(bTrain, SampleData.Rows(by, btrain));
        cancer.LastFit!.BestEpoch.Should().NotBeNull("early stopping tracks the best validation accuracy");
        var proba = cancer.PredictProba(bTest);
        Metrics.RocAuc(SampleData.Rows(by, btest), proba.Column(1)).Should().BeGreaterThan(0.95);
    }

    [Fact]
    public void Regressor_fits_diabetes_with_standardised_inputs()
    {
        var (x, labels) = SampleData.Load("diabetes.csv", "progression");
        var y = labels.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var mean = y.Average();
        var std = Math.Sqrt(y.Average(v => (v - mean) * (v - mean)));
        var scaled = y.Select(v => (v - mean) / std).ToArray();
        var (trainRows, testRows) = SampleData.Split(x.Rows, seed: 13);
        var (train, test) = SampleData.Standardize(SampleData.Rows(x, trainRows), SampleData.Rows(x, testRows));
        var model = new MlpRegressor { HiddenLayerSizes = [32], MaxEpochs = 150, BatchSize = 32, Alpha = 1e-3, RandomState = 3 }.Fit(train, SampleData.Rows(scaled, trainRows));
        var ridge = new Ridge { Alpha = 1.0 }.Fit(train, SampleData.Rows(scaled, trainRows));
        var mlpR2 = Metrics.R2(SampleData.Rows(scaled, testRows), model.Predict(test));
        var ridgeR2 = Metrics.R2(SampleData.Rows(scaled, testRows), ridge.Predict(test));
        mlpR2.Should().BeGreaterThan(0.3, "diabetes is hard; a linear model explains about half the variance");
        mlpR2.Should().BeGreaterThan(ridgeR2 - 0.15);
    }

    [Fact]
    public void Sparse_text_features_train_without_densifying()
    {
        // Two "topics": rows about cardiology use tokens 0-49, rows about orthopaedics tokens 50-99.
        var random = new Workbench.Learning.DeterministicRandom(14);
        var rows = 400;
        var dense = new float[rows * 100];
        var labels = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            var cardio = r % 2 == 0;
            labels[r] = cardio ? "cardiology" : "orthopaedics";
            for (var k = 0; k < 6; k++)
            {
                var token = random.NextInt(50) + (cardio ? 0 : 50);
                dense[(r * 100) + (random.NextDouble() < 0.2 ? random.NextInt(100) : token)] += 1f;
            }
        }

        var sparse = SgemmTests.ToCsr(dense, rows, 100);
        var model = new MlpClassifier { HiddenLayerSizes = [16], MaxEpochs = 30, BatchSize = 32, RandomState = 4 }.Fit(sparse, labels);
        Metrics.Accuracy(labels, model.Predict(sparse)).Should().BeGreaterThan(0.95);
        var logistic = new LogisticRegression().Fit(sparse, labels);
        Metrics.Accuracy(labels, logistic.Predict(sparse)).Should().BeGreaterThan(0.95);
    }

    [Fact]
    public void Same_random_state_gives_the_same_model()
    {
        var (x, y) = SampleData.Load("breast_cancer.csv", "diagnosis");
        var (train, _) = SampleData.Standardize(x, x);
        MlpClassifier Fit() => new MlpClassifier { HiddenLayerSizes = [16, 8], MaxEpochs = 5, RandomState = 9, Dropout = 0.2 }.Fit(train, y);
        Fit().PredictProba(train).Should().BeEquivalentTo(Fit().PredictProba(train), o => o.WithStrictOrdering());
        var act = () => new MlpClassifier().Predict(train);
        act.Should().Throw<InvalidOperationException>().WithMessage("*not fitted yet*");
    }

    [Fact]
    public void Callbacks_passed_to_the_estimator_see_its_training()
    {
        var (x, y) = SampleData.Load("breast_cancer.csv", "diagnosis");
        var (train, _) = SampleData.Standardize(x, x);
        var epochs = new List<int>();
        var model = new MlpClassifier { HiddenLayerSizes = [8], MaxEpochs = 4, NoImprovementEpochs = 50 };
        model.Callbacks.Add(new MetricLoggerCallback((name, _, step) => { if (name == "loss") { epochs.Add((int)step); } }));
        model.Fit(train, y);
        epochs.Should().Equal(1, 2, 3, 4);
        model.History.Status.Should().Be(TrainingStatus.Completed);
    }
}
