using Workbench.Data;
using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Tests.Learning;

public sealed class TensorTests
{
    [Fact]
    public void Views_share_storage_and_copy_only_when_needed()
    {
        var t = Tensor.Arange(24).Reshape(2, 3, 4);
        t.IsContiguous.Should().BeTrue();
        var transposed = t.Transpose(1, 2);
        transposed.Storage.Should().BeSameAs(t.Storage);
        transposed.IsContiguous.Should().BeFalse();
        transposed.HasShape(2, 4, 3).Should().BeTrue();
        transposed[1, 3, 2].Should().Be(t[1, 2, 3]);
        transposed.Contiguous().ToArray()[..6].Should().Equal(0, 4, 8, 1, 5, 9);
        t.Reshape(6, -1).Storage.Should().BeSameAs(t.Storage);
        transposed.Reshape(-1).Storage.Should().NotBeSameAs(t.Storage, "a non-contiguous view must copy to reshape");
        var view = () => transposed.View(24);
        view.Should().Throw<InvalidOperationException>().WithMessage("*contiguous*");

        var narrow = t.Narrow(2, 1, 2);
        narrow.ToArray().Should().Equal(1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22);
        t.Select(0, 1).Select(0, 2).ToArray().Should().Equal(20, 21, 22, 23);
        t.Unsqueeze(0).HasShape(1, 2, 3, 4).Should().BeTrue();
        t.Unsqueeze(0).Squeeze().HasShape(2, 3, 4).Should().BeTrue();
        t.Permute(2, 0, 1)[3, 1, 2].Should().Be(t[1, 2, 3]);

        narrow[0, 0, 0] = 100;
        t[0, 0, 1].Should().Be(100, "writes through a view reach the base tensor");
    }

    [Fact]
    public void Broadcasting_arithmetic_follows_numpy()
    {
        var matrix = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var row = Tensor.FromArray([10, 20, 30], 3);
        var column = Tensor.FromArray([100, 200], 2, 1);
        (matrix + row).ToArray().Should().Equal(11, 22, 33, 14, 25, 36);
        (matrix * column).ToArray().Should().Equal(100, 200, 300, 800, 1000, 1200);
        (column - matrix).ToArray().Should().Equal(99, 98, 97, 196, 195, 194);
        (row / matrix.T.Contiguous().T).ToArray().Should().Equal(10, 10, 10, 2.5f, 4, 5);
        (matrix * 2f + 1f).ToArray().Should().Equal(3, 5, 7, 9, 11, 13);
        var bad = () => matrix + Tensor.Zeros(4);
        bad.Should().Throw<ArgumentException>().WithMessage("*[2, 3] and [4] cannot be broadcast*");
    }

    [Fact]
    public void Reductions_and_softmax()
    {
        var t = Tensor.FromArray([1, 5, 3, 4, 2, 6], 2, 3);
        t.Sum().Should().Be(21);
        t.Sum(0).ToArray().Should().Equal(5, 7, 9);
        t.Sum(1, keepDimension: true).HasShape(2, 1).Should().BeTrue();
        t.Mean(1).ToArray().Should().Equal(3, 4);
        t.Max(0).ToArray().Should().Equal(4, 5, 6);
        t.Min(1).ToArray().Should().Equal(1, 2);
        t.ArgMax().Should().Equal(1, 2);
        var softmax = t.Softmax().ToArray();
        softmax[..3].Sum().Should().BeApproximately(1f, 1e-6f);
        softmax[1].Should().BeApproximately((float)(Math.Exp(5) / (Math.Exp(1) + Math.Exp(5) + Math.Exp(3))), 1e-6f);
        var log = t.LogSoftmax().ToArray();
        log[0].Should().BeApproximately(MathF.Log(softmax[0]), 1e-5f);
        Tensor.FromArray([1000, 0], 1, 2).Softmax().ToArray().Should().Equal(1, 0);
        t.Norm().Should().BeApproximately(Math.Sqrt(91), 1e-9);
    }

    [Fact]
    public void Dense_matrices_wrap_without_copying_and_errors_name_shapes()
    {
        var matrix = new DenseMatrix([1, 2, 3, 4], 2, 2, ["a", "b"]);
        var tensor = Tensor.FromMatrix(matrix, Device.Cpu);
        tensor.AsSpan()[0] = 9;
        matrix.Values[0].Should().Be(9);
        var shape = () => Tensor.FromArray([1, 2, 3], 2, 2);
        shape.Should().Throw<ArgumentException>().WithMessage("*[2, 2] holds 4 elements, not 3*");
        var matmul = () => tensor.MatMul(Tensor.Zeros(3, 1));
        matmul.Should().Throw<ArgumentException>().WithMessage("*[m, k] x [k, n]*[2, 2] x [3, 1]*");
        Tensor.Zeros(2, 0).Sum().Should().Be(0);
    }

    [Fact]
    public void Seeded_random_tensors_repeat_and_differ_by_seed()
    {
        Tensor.RandomNormal([100], seed: 1).ToArray().Should().Equal(Tensor.RandomNormal([100], seed: 1).ToArray());
        Tensor.RandomNormal([100], seed: 1).ToArray().Should().NotEqual(Tensor.RandomNormal([100], seed: 2).ToArray());
        var uniform = Tensor.RandomUniform([10000], -2, 3, seed: 4).ToArray();
        uniform.Min().Should().BeGreaterThanOrEqualTo(-2);
        uniform.Max().Should().BeLessThan(3);
        uniform.Average().Should().BeApproximately(0.5f, 0.05f);
    }
}
