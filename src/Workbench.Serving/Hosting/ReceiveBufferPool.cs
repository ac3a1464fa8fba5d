using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;

namespace Workbench.Serving.Hosting;

/// <summary>
/// Kestrel's memory pool with larger blocks: the socket transport receives into one block per read, so a request
/// body of up to <see cref="BlockSize"/> bytes arrives in one receive call instead of one per 4 KB block (a 100-row
/// CSV body is about 21 KB). Blocks are pinned arrays (the socket reads into them); up to
/// <see cref="MaxPooledBlocks"/> returned blocks (8 MB) are kept for reuse and the rest left to the GC.
/// </summary>
internal sealed class ReceiveBufferPool : MemoryPool<byte>
{
    public const int BlockSize = 32 * 1024;

    internal const int MaxPooledBlocks = 256;

    private readonly ConcurrentQueue<Block> _blocks = new();
    private int _pooled;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"at most {BlockSize} bytes per block");
        }

        if (_blocks.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _pooled);
            return block;
        }

        return new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
        _blocks.Clear();
    }

    private void Return(Block block)
    {
        if (Interlocked.Increment(ref _pooled) <= MaxPooledBlocks)
        {
            _blocks.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }

    private sealed class Block(ReceiveBufferPool pool) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), 0, BlockSize);

        public void Dispose() => pool.Return(this);
    }

    /// <summary>Hands Kestrel this pool (registered in the host's services by <see cref="KestrelTransport"/>).</summary>
    internal sealed class Factory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new ReceiveBufferPool();
    }
}
