using BenchmarkDotNet.Attributes;
using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Tensors;

namespace Workbench.Benchmarks.Learning;

/// <summary>
/// Kernel-level timings for regression tracking (the side-by-side comparison with PyTorch, scikit-learn and
/// OpenBLAS is benchmarks/learning/run.sh): SGEMM by provider and one MLP training step on digits' shapes.
/// <c>dotnet run -c Release --project tests/Workbench.Benchmarks -- --filter '*LearningKernel*'</c>
/// </summary>
[MemoryDiagnoser]
public class LearningKernelBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private CpuBackend _backend = null!;
    private Sequential _network = null!;
    private Adam _optimizer = null!;
    private Tensor _input = null!;
    private Tensor _gradient = null!;
    private readonly CrossEntropyLoss _loss = new();
    private readonly Targets _targets = Targets.Classes(Enumerable.Range(0, 64).Select(i => i % 10).ToArray());

    [Params(GemmProvider.Managed, GemmProvider.OpenBlas)]
    public GemmProvider Gemm { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var device = Device.CreateCpu(new CpuBackendOptions { Threads = Threads, Gemm = Gemm });
        _backend = (CpuBackend)device.Backend;
        _a = Tensor.RandomNormal([512 * 512], seed: 1).ToArray();
        _b = Tensor.RandomNormal([512 * 512], seed: 2).ToArray();
        _c = new float[512 * 512];
        var random = new DeterministicRandom(3);
        _network = new Sequential(device, new Linear(64, 128, random: random, device: device), new ReLU(device), new Linear(128, 64, random: random, device: device), new ReLU(device), new Linear(64, 10, random: random, device: device));
        _optimizer = new Adam(_network.Parameters());
        _input = Tensor.RandomNormal([64, 64], seed: 4);
        _gradient = Tensor.Zeros(64, 10);
    }

    [Benchmark(Description = "SGEMM 512x512x512")]
    public void Sgemm512() => _backend.Sgemm(false, false, 512, 512, 512, 1f, _a, 512, _b, 512, 0f, _c, 512);

    [Benchmark(Description = "MLP 64-128-64-10 step, batch 64, Adam")]
    public void MlpStep()
    {
        _network.ZeroGradients();
        _loss.Compute(_network.Forward(_input), _targets, _gradient);
        _network.Backpropagate(_gradient);
        _optimizer.Step();
    }
}
