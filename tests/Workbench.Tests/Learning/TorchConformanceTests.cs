using System.Text.Json;
using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Schedules;
using Workbench.Learning.Tensors;
using Workbench.Testing;

namespace Workbench.Tests.Learning;

/// <summary>
/// Optimizers, schedules, losses and normalisation layers follow PyTorch 1.13's definitions (Debian's
/// python3-torch, CPU): same inputs, same results to float32 precision.
/// </summary>
public sealed class TorchConformanceTests
{
    private static readonly float[] Start = [0.5f, -1.2f, 2.0f, 0.1f, -0.3f, 0.7f];

    private static readonly float[][] Gradients =
    [
        [0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f],
        [-0.3f, 0.1f, 0.2f, 0.05f, -0.5f, 0.4f],
        [0.2f, 0.2f, -0.1f, 0.3f, 0.1f, -0.2f],
        [0.0f, -0.1f, 0.4f, -0.2f, 0.3f, 0.1f],
    ];

    private static readonly Lazy<JsonElement> Torch = new(RunTorch);

    [Theory]
    [InlineData("sgd")]
    [InlineData("sgd_momentum")]
    [InlineData("sgd_nesterov")]
    [InlineData("adam")]
    [InlineData("adam_l2")]
    [InlineData("adamw")]
    public void Optimizer_steps_match_torch(string name)
    {
        var parameter = new Parameter("w", Tensor.FromArray((float[])Start.Clone(), 2, 3));
        Optimizer optimizer = name switch
        {
            "sgd" => new Sgd([parameter], 0.1, weightDecay: 0.01),
            "sgd_momentum" => new Sgd([parameter], 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01),
            "sgd_nesterov" => new Sgd([parameter], 0.1, momentum: 0.9, nesterov: true),
            "adam" => new Adam([parameter], 0.01),
            "adam_l2" => new Adam([parameter], 0.01, weightDecay: 0.1),
            _ => new AdamW([parameter], 0.01, weightDecay: 0.1),
        };
        foreach (var gradient in Gradients)
        {
            parameter.Gradient.CopyFrom(Tensor.FromArray(gradient, 2, 3));
            optimizer.Step();
        }

        Close(parameter.Value.ToArray(), Torch.Value.GetProperty(name), 1e-6, name);
    }

    [Fact]
    public void Schedules_match_torch_schedulers()
    {
        Close(Rates(LearningRateSchedule.Step(3, 0.5), 10), Torch.Value.GetProperty("step_lr"), 1e-12, "StepLR");
        // Up to T_max the closed form is PyTorch's; past it PyTorch's rate climbs back (a period), Workbench's stays at the minimum.
        var cosine = Rates(LearningRateSchedule.Cosine(8, 0.01), 10);
        Close(cosine[..9], First(Torch.Value.GetProperty("cosine"), 9), 1e-9, "CosineAnnealingLR");
        cosine[9].Should().Be(0.01);
        Close(Rates(LearningRateSchedule.OneCycle(20), 20), Torch.Value.GetProperty("one_cycle"), 1e-9, "OneCycleLR");
        Close(Rates(LearningRateSchedule.LinearWarmup(4, 0.25), 8), Torch.Value.GetProperty("linear_warmup"), 1e-12, "LinearLR");
        Close(Rates(LearningRateSchedule.LinearWarmup(3, 0.1).Then(LearningRateSchedule.Cosine(5), 3), 9), First(Torch.Value.GetProperty("warmup_then_cosine"), 9), 1e-9, "SequentialLR");
    }

    [Fact]
    public void Losses_and_their_gradients_match_torch()
    {
        var logits = Tensor.FromArray(Logits, 4, 3);
        var gradient = Tensor.Zeros(4, 3);
        var ce = new CrossEntropyLoss([0.2f, 1.0f, 3.0f], 0.1f).Compute(logits, Targets.Classes([0, 2, 1, 2]), gradient);
        ce.Should().BeApproximately(Torch.Value.GetProperty("ce").GetDouble(), 1e-6);
        Close(gradient.ToArray(), Torch.Value.GetProperty("ce_grad"), 1e-6, "cross-entropy gradient");

        var bce = new BinaryCrossEntropyWithLogitsLoss([2.0f, 0.5f, 1.0f]).Compute(logits, Targets.FromValues([1, 0, 1, 0, 0, 1, 1, 1, 0, 0.5f, 0, 1], 3), gradient);
        bce.Should().BeApproximately(Torch.Value.GetProperty("bce").GetDouble(), 1e-6);
        Close(gradient.ToArray(), Torch.Value.GetProperty("bce_grad"), 1e-6, "BCE gradient");

        var huber = new HuberLoss(0.8f).Compute(logits, Targets.FromValues(Enumerable.Range(0, 12).Select(i => i * 0.3f - 1.5f).ToArray(), 3), gradient);
        huber.Should().BeApproximately(Torch.Value.GetProperty("huber").GetDouble(), 1e-6);
        Close(gradient.ToArray(), Torch.Value.GetProperty("huber_grad"), 1e-6, "Huber gradient");
    }

    [Fact]
    public void Gelu_layer_norm_and_batch_norm_match_torch()
    {
        var x = Tensor.FromArray(Logits, 4, 3);
        Close(new GELU().Forward(x).ToArray(), Torch.Value.GetProperty("gelu"), 1e-6, "GELU");
        Close(new LayerNorm(3).Forward(x).ToArray(), Torch.Value.GetProperty("layer_norm"), 1e-5, "LayerNorm");

        var batchNorm = new BatchNorm1d(3, momentum: 0.2f);
        var first = batchNorm.Forward(x).ToArray();
        batchNorm.Forward(x.Affine(2f, 1f));
        Close(first, Torch.Value.GetProperty("batch_norm"), 1e-5, "BatchNorm1d training output");
        Close(batchNorm.RunningMean.ToArray(), Torch.Value.GetProperty("running_mean"), 1e-6, "running mean");
        Close(batchNorm.RunningVariance.ToArray(), Torch.Value.GetProperty("running_var"), 1e-5, "running variance (unbiased)");
        batchNorm.Eval();
        Close(batchNorm.Forward(x).ToArray(), Torch.Value.GetProperty("batch_norm_eval"), 1e-5, "BatchNorm1d evaluation output");

        var bag = new EmbeddingBag(5, 3, EmbeddingBagMode.Mean, Initializer.Zeros());
        bag.Weight.Value.CopyFrom(Tensor.FromArray(Enumerable.Range(0, 15).Select(i => i * 0.1f).ToArray(), 5, 3));
        Close(bag.ForwardBags([0, 2, 4, 1, 1], [0, 3, 3, 5]).ToArray(), Torch.Value.GetProperty("embedding_bag"), 1e-6, "EmbeddingBag mean (with an empty bag)");
    }

    private static readonly float[] Logits = [0.2f, -1.0f, 2.5f, 1.5f, 0.3f, -0.7f, -2.0f, 0.0f, 0.4f, 3.0f, 1.0f, -1.5f];

    private static JsonElement First(JsonElement values, int count) =>
        JsonDocument.Parse(JsonSerializer.Serialize(values.EnumerateArray().Take(count).Select(v => v.GetDouble()))).RootElement;

    private static double[] Rates(LearningRateSchedule schedule, int steps) => Enumerable.Range(0, steps).Select(s => schedule.At(s, 0.1)).ToArray();

    private static void Close(IReadOnlyList<float> actual, JsonElement expected, double tolerance, string what) =>
        Close(actual.Select(v => (double)v).ToArray(), expected, tolerance, what);

    private static void Close(double[] actual, JsonElement expected, double tolerance, string what)
    {
        var values = expected.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        actual.Should().HaveCount(values.Length, what);
        for (var i = 0; i < values.Length; i++)
        {
            actual[i].Should().BeApproximately(values[i], tolerance * Math.Max(1, Math.Abs(values[i])), $"{what}[{i}]");
        }
    }

    private static JsonElement RunTorch()
    {
        var input = JsonSerializer.Serialize(new { start = Start, gradients = Gradients, logits = Logits });
        const string script = """
            import json, sys, torch
            torch.set_num_threads(1)
            d = json.loads(sys.argv[1]); r = {}
            def run(name, make):
                w = torch.nn.Parameter(torch.tensor(d["start"]).reshape(2, 3)); opt = make([w])
                for g in d["gradients"]:
                    w.grad = torch.tensor(g).reshape(2, 3); opt.step()
                r[name] = w.detach().reshape(-1).tolist()
            run("sgd", lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.01))
            run("sgd_momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01))
            run("sgd_nesterov", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True))
            run("adam", lambda p: torch.optim.Adam(p, lr=0.01))
            run("adam_l2", lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1))
            run("adamw", lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1))
            def rates(make, steps):
                opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1); s = make(opt); out = []
                for _ in range(steps):
                    out.append(opt.param_groups[0]["lr"]); opt.step(); s.step()
                return out
            S = torch.optim.lr_scheduler
            r["step_lr"] = rates(lambda o: S.StepLR(o, 3, 0.5), 10)
            r["cosine"] = rates(lambda o: S.CosineAnnealingLR(o, 8, eta_min=0.01), 10)
            r["one_cycle"] = rates(lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=20), 20)
            r["linear_warmup"] = rates(lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4), 8)
            r["warmup_then_cosine"] = rates(lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=3), S.CosineAnnealingLR(o, 5)], milestones=[3]), 10)
            x = torch.tensor(d["logits"]).reshape(4, 3).requires_grad_()
            def loss(name, value):
                value.backward(); r[name] = value.item(); r[name + "_grad"] = x.grad.reshape(-1).tolist(); x.grad = None
            loss("ce", torch.nn.CrossEntropyLoss(weight=torch.tensor([0.2, 1.0, 3.0]), label_smoothing=0.1)(x, torch.tensor([0, 2, 1, 2])))
            loss("bce", torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0, 0.5, 1.0]))(x, torch.tensor([1, 0, 1, 0, 0, 1, 1, 1, 0, 0.5, 0, 1.0]).reshape(4, 3)))
            loss("huber", torch.nn.HuberLoss(delta=0.8)(x, (torch.arange(12) * 0.3 - 1.5).reshape(4, 3)))
            with torch.no_grad():
                r["gelu"] = torch.nn.GELU()(x).reshape(-1).tolist()
                r["layer_norm"] = torch.nn.LayerNorm(3)(x).reshape(-1).tolist()
                bn = torch.nn.BatchNorm1d(3, momentum=0.2); r["batch_norm"] = bn(x).reshape(-1).tolist(); bn(x * 2 + 1)
                r["running_mean"], r["running_var"] = bn.running_mean.tolist(), bn.running_var.tolist()
                bn.eval(); r["batch_norm_eval"] = bn(x).reshape(-1).tolist()
                bag = torch.nn.EmbeddingBag(5, 3, mode="mean"); bag.weight.copy_((torch.arange(15) * 0.1).reshape(5, 3))
                r["embedding_bag"] = bag(torch.tensor([0, 2, 4, 1, 1]), torch.tensor([0, 3, 3])).reshape(-1).tolist()
            print(json.dumps(r))
            """;
        return JsonDocument.Parse(PythonPeer.Run(script, [input], timeout: TimeSpan.FromMinutes(2))).RootElement.Clone();
    }
}
