using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Serving.Hosting;

namespace Workbench.Serving.Tests;

/// <summary>The 32 KB receive blocks Kestrel runs with under <c>workbench serve</c>.</summary>
public sealed class ReceiveBufferPoolTests
{
    [Fact]
    public void Blocks_are_32_KB_pinned_reused_after_return_and_larger_requests_are_refused()
    {
        using var pool = new ReceiveBufferPool();
        pool.MaxBufferSize.Should().Be(ReceiveBufferPool.BlockSize);
        var first = pool.Rent(100);
        first.Memory.Length.Should().Be(ReceiveBufferPool.BlockSize);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(first.Memory, out var array).Should().BeTrue();
        GC.GetGeneration(array.Array!).Should().Be(GC.MaxGeneration, "pinned arrays live on the pinned object heap, counted as the oldest generation");
        var second = pool.Rent();
        second.Memory.Span.Overlaps(first.Memory.Span).Should().BeFalse();

        first.Dispose();
        pool.Rent(ReceiveBufferPool.BlockSize).Memory.Should().Be(first.Memory, "a returned block is rented again");
        var tooLarge = () => pool.Rent(ReceiveBufferPool.BlockSize + 1);
        tooLarge.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Only_a_bounded_number_of_returned_blocks_is_kept()
    {
        using var pool = new ReceiveBufferPool();
        var rented = Enumerable.Range(0, ReceiveBufferPool.MaxPooledBlocks + 10).Select(_ => pool.Rent()).ToList();
        rented.ForEach(b => b.Dispose());
        var again = Enumerable.Range(0, ReceiveBufferPool.MaxPooledBlocks + 10).Select(_ => pool.Rent().Memory).ToList();
        again.Count(m => rented.Any(r => r.Memory.Equals(m))).Should().Be(ReceiveBufferPool.MaxPooledBlocks);
    }

    [Fact]
    public void KestrelTransport_hands_the_host_this_pool()
    {
        var builder = WebApplication.CreateSlimBuilder();
        KestrelTransport.Configure(builder.WebHost);
        using var app = builder.Build();
        using var pool = app.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create();
        pool.Should().BeOfType<ReceiveBufferPool>();
    }
}
