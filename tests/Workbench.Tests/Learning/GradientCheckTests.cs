using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Tensors;

namespace Workbench.Tests.Learning;

/// <summary>Every layer's and loss's backward pass agrees with finite differences.</summary>
public sealed class GradientCheckTests
{
    [Fact]
    public void Linear_gradients_match_finite_differences()
    {
        var layer = new Linear(5, 4, random: new DeterministicRandom(1));
        GradientChecker.CheckModule(layer, GradientChecker.SmoothInput(2, 6, 5));
    }

    [Fact]
    public void Linear_without_bias_gradients_match()
    {
        var layer = new Linear(3, 7, bias: false, random: new DeterministicRandom(3));
        layer.Bias.Should().BeNull();
        GradientChecker.CheckModule(layer, GradientChecker.SmoothInput(4, 2, 3));
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("gelu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void Activation_gradients_match_finite_differences(string name)
    {
        Module layer = name switch
        {
            "relu" => new ReLU(),
            "gelu" => new GELU(),
            "tanh" => new Tanh(),
            _ => new Sigmoid(),
        };
        GradientChecker.CheckModule(layer, GradientChecker.SmoothInput(5, 4, 6));
    }

    [Fact]
    public void Dropout_gradient_uses_the_forward_mask()
    {
        var layer = new Dropout(0.4f, seed: 11);
        var input = GradientChecker.SmoothInput(6, 8, 10);
        var output = layer.Forward(input).ToArray();
        output.Count(v => v == 0f).Should().BeInRange(10, 55, "about 40% of 80 elements are dropped");
        GradientChecker.CheckModule(layer, input);
    }

    [Fact]
    public void LayerNorm_gradients_match_finite_differences()
    {
        var layer = new LayerNorm(6);
        Initializer.Normal(1.0, 0.3).Fill(layer.Gamma.Value, 6, 6, new DeterministicRandom(7));
        Initializer.Normal(0.0, 0.3).Fill(layer.Beta.Value, 6, 6, new DeterministicRandom(8));
        GradientChecker.CheckModule(layer, GradientChecker.SmoothInput(9, 5, 6));
    }

    [Fact]
    public void BatchNorm1d_training_gradients_match_finite_differences()
    {
        var layer = new BatchNorm1d(4);
        Initializer.Normal(1.0, 0.3).Fill(layer.Gamma.Value, 4, 4, new DeterministicRandom(10));
        GradientChecker.CheckModule(layer, GradientChecker.SmoothInput(11, 7, 4));
    }

    [Fact]
    public void BatchNorm1d_backward_in_evaluation_mode_fails_clearly()
    {
        var layer = new BatchNorm1d(3);
        layer.Forward(GradientChecker.SmoothInput(12, 8, 3));
        layer.Eval();
        var act = () => layer.Backward(Tensor.Zeros(8, 3));
        layer.Forward(GradientChecker.SmoothInput(13, 8, 3));
        act.Should().Throw<InvalidOperationException>().WithMessage("*training-mode Forward*");
    }

    [Theory]
    [InlineData(EmbeddingBagMode.Sum)]
    [InlineData(EmbeddingBagMode.Mean)]
    public void EmbeddingBag_weight_gradients_match_finite_differences(EmbeddingBagMode mode)
    {
        var layer = new EmbeddingBag(9, 4, mode, random: new DeterministicRandom(14));
        var ids = Tensor.FromArray([1, 3, 3, -1, 0, 8, -1, -1, 5, 5, 5, 2], 3, 4);
        GradientChecker.CheckModule(layer, ids, checkInput: false);
    }

    [Fact]
    public void Sequential_composes_gradients_through_every_layer()
    {
        var random = new DeterministicRandom(15);
        var model = new Sequential(
            new Linear(4, 8, random: random),
            new LayerNorm(8),
            new GELU(),
            new Linear(8, 6, random: random),
            new BatchNorm1d(6),
            new Tanh(),
            new Dropout(0.2f, seed: 3),
            new Linear(6, 3, random: random),
            new Sigmoid());
        GradientChecker.CheckModule(model, GradientChecker.SmoothInput(16, 5, 4), tolerance: 3e-2);
    }

    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 0f)]
    [InlineData(false, 0.1f)]
    [InlineData(true, 0.2f)]
    public void Cross_entropy_gradient_matches_with_weights_and_smoothing(bool weighted, float smoothing)
    {
        var loss = new CrossEntropyLoss(weighted ? [0.5f, 2f, 1f, 1.5f] : null, smoothing);
        GradientChecker.CheckLoss(loss, GradientChecker.SmoothInput(17, 6, 4), Targets.Classes([0, 3, 1, 1, 2, 3]));
    }

    [Fact]
    public void Bce_with_logits_gradient_matches_with_positive_weight()
    {
        GradientChecker.CheckLoss(new BinaryCrossEntropyWithLogitsLoss(), GradientChecker.SmoothInput(18, 5, 2), Targets.FromValues([1, 0, 0, 1, 1, 1, 0, 0, 0.3f, 0.7f], 2));
        GradientChecker.CheckLoss(new BinaryCrossEntropyWithLogitsLoss([3f, 0.5f]), GradientChecker.SmoothInput(19, 5, 2), Targets.FromValues([1, 0, 0, 1, 1, 1, 0, 0, 0.3f, 0.7f], 2));
    }

    [Fact]
    public void Mse_and_huber_gradients_match()
    {
        var targets = Targets.FromValues([0.5f, -1f, 2f, 0f, 3f, -2.5f], 2);
        GradientChecker.CheckLoss(new MeanSquaredErrorLoss(), GradientChecker.SmoothInput(20, 3, 2), targets);
        GradientChecker.CheckLoss(new HuberLoss(0.7f), GradientChecker.SmoothInput(21, 3, 2), targets);
    }
}
