using System.Text;
using Workbench.Data;
using Workbench.Learning;
using Workbench.Learning.Estimators;
using Workbench.Learning.Layers;
using Workbench.Learning.Persistence;
using Workbench.Learning.Tensors;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

/// <summary>The model file: round trips for every kind, atomic writes, and refusal of corrupt, foreign or future files.</summary>
public sealed class ModelFileTests
{
    [Fact]
    public void Every_estimator_round_trips_with_identical_predictions()
    {
        using var folder = new TempDirectory("models");
        var (x, y) = SampleData.Load("breast_cancer.csv", "diagnosis");
        var (train, _) = SampleData.Standardize(x, x);
        var target = Enumerable.Range(0, x.Rows).Select(i => (double)train[i, 0] * 2 + train[i, 3]).ToArray();

        var logistic = new LogisticRegression { C = 0.5 }.Fit(train, y);
        logistic.Save(folder.File("logistic.wbm"));
        var loadedLogistic = LogisticRegression.Load(folder.File("logistic.wbm"));
        loadedLogistic.PredictProba(train).Should().BeEquivalentTo(logistic.PredictProba(train), o => o.WithStrictOrdering());
        loadedLogistic.C.Should().Be(0.5);
        loadedLogistic.Classes.Should().Equal("benign", "malignant");
        loadedLogistic.FeatureNames.Should().Equal(x.ColumnNames);

        var ridge = new Ridge { Alpha = 3 }.Fit(train, target);
        ridge.Save(folder.File("ridge.wbm"));
        Ridge.Load(folder.File("ridge.wbm")).Predict(train).Should().Equal(ridge.Predict(train));
        var ols = new LinearRegression().Fit(train, target);
        ols.Save(folder.File("ols.wbm"));
        ModelFile.Load<LinearRegression>(folder.File("ols.wbm")).Coefficients.Should().Equal(ols.Coefficients);

        var mlp = new MlpClassifier { HiddenLayerSizes = [16], MaxEpochs = 3, Normalization = MlpNormalization.BatchNorm, Dropout = 0.1 }.Fit(train, y);
        mlp.Save(folder.File("mlp.wbm"));
        var loadedMlp = MlpClassifier.Load(folder.File("mlp.wbm"));
        loadedMlp.PredictProba(train).Should().BeEquivalentTo(mlp.PredictProba(train), o => o.WithStrictOrdering());
        loadedMlp.Normalization.Should().Be(MlpNormalization.BatchNorm);
        loadedMlp.Network.ToString().Should().Be(mlp.Network.ToString());

        var regressor = new MlpRegressor { HiddenLayerSizes = [8], MaxEpochs = 3, HuberDelta = 0.5f }.Fit(train, target);
        regressor.Save(folder.File("mlp-reg.wbm"));
        MlpRegressor.Load(folder.File("mlp-reg.wbm")).Predict(train).Should().Equal(regressor.Predict(train));

        var info = ModelFile.Inspect(folder.File("mlp.wbm"));
        info.Kind.Should().Be(ModelKinds.MlpClassifier);
        info.FormatVersion.Should().Be(1);
        info.Classes.Should().Equal("benign", "malignant");
        info.Tensors.Select(t => t.Name).Should().Contain(["0.weight", "1.running_mean", "1.running_var"]);
        info.Tensors.Should().OnlyContain(t => t.Sha256.Length == 64 && t.Offset % ModelFormat.Alignment == 0);
        info.Hyperparameters["hidden_layer_sizes"]!.ToJsonString().Should().Be("[16]");
        Directory.GetFiles(folder.Path, "*.tmp").Should().BeEmpty("writes go through a temporary file that is renamed");
    }

    [Fact]
    public void Networks_with_every_layer_type_round_trip()
    {
        using var folder = new TempDirectory("models");
        var random = new DeterministicRandom(1);
        var network = new Sequential(
            new Linear(6, 8, random: random), new LayerNorm(8), new GELU(), new Dropout(0.3f, 5), new Linear(8, 8, random: random),
            new BatchNorm1d(8), new Tanh(), new Linear(8, 4, bias: false, random: random), new Sigmoid(), new Linear(4, 3, random: random), new ReLU());
        network.Forward(Tensor.RandomNormal([10, 6], seed: 2));
        network.Eval();
        var input = Tensor.RandomNormal([5, 6], seed: 3);
        var expected = network.Forward(input).ToArray();
        ModelFile.Save(network, folder.File("net.wbm"));
        var loaded = ModelFile.Load<Sequential>(folder.File("net.wbm"));
        loaded.Forward(input).ToArray().Should().Equal(expected);

        var bag = new Sequential(new EmbeddingBag(20, 4, Workbench.Learning.Devices.EmbeddingBagMode.Sum, random: random), new Linear(4, 2, random: random));
        ModelFile.Save(bag, folder.File("bag.wbm"));
        var ids = Tensor.FromArray([1, 2, 19, -1, 3, 3, 3, 3], 2, 4);
        ModelFile.Load<Sequential>(folder.File("bag.wbm")).Forward(ids).ToArray().Should().Equal(bag.Forward(ids).ToArray());
    }

    [Fact]
    public void Corrupt_truncated_foreign_and_future_files_are_refused_clearly()
    {
        using var folder = new TempDirectory("models");
        var (x, y) = SampleData.Load("breast_cancer.csv", "diagnosis");
        var path = folder.File("model.wbm");
        new LogisticRegression().Fit(SampleData.Standardize(x, x).Train, y).Save(path);
        var bytes = File.ReadAllBytes(path);

        var flipped = (byte[])bytes.Clone();
        flipped[^3] ^= 0x40;
        File.WriteAllBytes(folder.File("flipped.wbm"), flipped);
        var corrupt = () => ModelFile.Load(folder.File("flipped.wbm"));
        corrupt.Should().Throw<InvalidDataException>().WithMessage("*flipped.wbm*fails its SHA-256 check*");

        File.WriteAllBytes(folder.File("short.wbm"), bytes[..(bytes.Length - 100)]);
        var truncated = () => ModelFile.Load(folder.File("short.wbm"));
        truncated.Should().Throw<InvalidDataException>().WithMessage("*short.wbm*truncated*");

        File.WriteAllText(folder.File("text.wbm"), "{\"kind\": \"logistic_regression\"}");
        var foreign = () => ModelFile.Load(folder.File("text.wbm"));
        foreign.Should().Throw<InvalidDataException>().WithMessage("*not a Workbench model file*");

        File.WriteAllBytes(folder.File("future.wbm"), Replace(bytes, "\"format_version\": 1", "\"format_version\": 7"));
        var future = () => ModelFile.Load(folder.File("future.wbm"));
        future.Should().Throw<NotSupportedException>().WithMessage("*format version 7*reads version 1 only*");

        File.WriteAllBytes(folder.File("kind.wbm"), Replace(bytes, "\"kind\": \"logistic_regression\"", "\"kind\": \"System.IO.Directory\""));
        var kind = () => ModelFile.Load(folder.File("kind.wbm"));
        kind.Should().Throw<InvalidDataException>().WithMessage("*unknown model kind 'System.IO.Directory'*");

        var wrongType = () => ModelFile.Load<Ridge>(path);
        wrongType.Should().Throw<InvalidDataException>().WithMessage("*holds a LogisticRegression, not a Ridge*");
    }

    [Fact]
    public void Unknown_layer_types_in_an_architecture_are_refused()
    {
        using var folder = new TempDirectory("models");
        var network = new Sequential(new Linear(3, 2, random: new DeterministicRandom(1)), new ReLU());
        ModelFile.Save(network, folder.File("net.wbm"));
        var bytes = File.ReadAllBytes(folder.File("net.wbm"));
        File.WriteAllBytes(folder.File("evil.wbm"), Replace(bytes, "\"type\": \"relu\"", "\"type\": \"evil\""));
        var act = () => ModelFile.Load(folder.File("evil.wbm"));
        act.Should().Throw<InvalidDataException>().WithMessage("*unknown layer type 'evil'*");
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_intact()
    {
        using var folder = new TempDirectory("models");
        var path = folder.File("net.wbm");
        var network = new Sequential(new Linear(3, 2, random: new DeterministicRandom(1)));
        ModelFile.Save(network, path);
        var before = File.ReadAllBytes(path);
        var custom = new Sequential(new Linear(3, 2, random: new DeterministicRandom(2)), new CustomLayer());
        var act = () => ModelFile.Save(custom, path);
        act.Should().Throw<NotSupportedException>().WithMessage("*CustomLayer cannot be saved*");
        File.ReadAllBytes(path).Should().Equal(before);
    }

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        from.Length.Should().Be(to.Length, "the header length field must stay valid for this test");
        var text = Encoding.Latin1.GetString(bytes);
        text.Should().Contain(from);
        return Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private sealed class CustomLayer() : Module(null)
    {
        protected override string Summary => "Custom()";

        public override Tensor Forward(Tensor input) => input;

        public override Tensor Backward(Tensor outputGradient) => outputGradient;
    }
}
