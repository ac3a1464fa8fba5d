using Workbench.Learning;
using Workbench.Learning.Devices;
using Workbench.Learning.Layers;
using Workbench.Learning.Tensors;

namespace Workbench.Tests.Learning;

/// <summary>The device seam: a second backend registers by name and models run on it unchanged; unknown devices fail clearly.</summary>
public sealed class DeviceTests
{
    [Fact]
    public void A_registered_backend_is_found_by_name_and_runs_layers_unchanged()
    {
        var second = Device.Register(DeviceKind.Cpu, 7, d => new CpuBackend(d, new CpuBackendOptions { Threads = 1, Gemm = GemmProvider.Managed }));
        Device.Get("cpu:7").Should().BeSameAs(second);
        Device.Available().Should().Contain(second).And.StartWith(Device.Cpu);
        second.Description.Should().Contain("1 thread").And.Contain("managed");

        var input = Tensor.RandomNormal([5, 4], seed: 1);
        var onDefault = new Sequential(new Linear(4, 3, random: new DeterministicRandom(2)), new GELU());
        var onSecond = new Sequential(second, new Linear(4, 3, random: new DeterministicRandom(2), device: second), new GELU(second));
        onSecond.Forward(input.To(second)).ToArray().Should().Equal(onDefault.Forward(input).ToArray());
        onSecond.Parameters().Should().OnlyContain(p => p.Value.Device == second);
    }

    [Fact]
    public void An_unknown_device_names_what_is_available()
    {
        var act = () => Device.Get("cuda:0");
        act.Should().Throw<ArgumentException>().WithMessage("*No device named 'cuda:0'*Available: cpu*CUDA backend registers*");
        Device.Cpu.Name.Should().Be("cpu");
        Device.Cpu.Kind.Should().Be(DeviceKind.Cpu);
    }
}
