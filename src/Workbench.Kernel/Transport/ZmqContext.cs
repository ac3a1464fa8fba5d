using System.Runtime.InteropServices;

namespace Workbench.Kernel.Transport;

/// <summary>A libzmq context: create sockets from it; dispose it after every socket is disposed.</summary>
public sealed class ZmqContext : SafeHandle
{
    public ZmqContext()
        : base(IntPtr.Zero, ownsHandle: true)
    {
        LibZmq.EnsureLoaded();
        SetHandle(LibZmq.zmq_ctx_new());
        if (IsInvalid)
        {
            throw ZmqException.Last("zmq_ctx_new");
        }
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The libzmq version loaded, "4.3.4".</summary>
    public static string LibraryVersion => LibZmq.Version();

    public ZmqSocket Socket(ZmqSocketType type) => new(this, type);

    /// <summary>Makes calls blocked in any socket of this context return with ETERM (see <see cref="ZmqException.IsTerminated"/>).</summary>
    public void Shutdown()
    {
        if (!IsClosed)
        {
            _ = LibZmq.zmq_ctx_shutdown(handle);
        }
    }

    protected override bool ReleaseHandle()
    {
        while (LibZmq.zmq_ctx_term(handle) != 0 && LibZmq.zmq_errno() == LibZmq.EINTR)
        {
        }

        return true;
    }
}

/// <summary>The socket types the kernel and its tests use.</summary>
public enum ZmqSocketType
{
    Pub = LibZmq.ZMQ_PUB,
    Sub = LibZmq.ZMQ_SUB,
    Req = LibZmq.ZMQ_REQ,
    Rep = LibZmq.ZMQ_REP,
    Dealer = LibZmq.ZMQ_DEALER,
    Router = LibZmq.ZMQ_ROUTER,
}
