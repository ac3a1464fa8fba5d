using System.Runtime.InteropServices;
using System.Text;

namespace Workbench.Kernel.Transport;

/// <summary>
/// One libzmq socket. Like libzmq's, not thread-safe: use it from one thread at a time (callers that share one,
/// such as IOPub, hold a lock around each multipart send).
/// </summary>
public sealed class ZmqSocket : SafeHandle
{
    internal ZmqSocket(ZmqContext context, ZmqSocketType type)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Type = type;
        SetHandle(LibZmq.zmq_socket(context.DangerousGetHandle(), (int)type));
        if (IsInvalid)
        {
            throw ZmqException.Last($"zmq_socket({type})");
        }
    }

    public ZmqSocketType Type { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>How long unsent messages are kept after close; the kernel sets a short linger so replies still go out on shutdown.</summary>
    public TimeSpan Linger
    {
        set => SetOption(LibZmq.ZMQ_LINGER, (int)value.TotalMilliseconds);
    }

    /// <summary>The endpoint actually bound (useful with port 0 / "*" to learn the port chosen).</summary>
    public unsafe string LastEndpoint
    {
        get
        {
            var buffer = stackalloc byte[256];
            nuint length = 256;
            Check(LibZmq.zmq_getsockopt(handle, LibZmq.ZMQ_LAST_ENDPOINT, buffer, &length), "zmq_getsockopt(ZMQ_LAST_ENDPOINT)");
            return Encoding.UTF8.GetString(buffer, (int)length).TrimEnd('\0');
        }
    }

    public void Bind(string endpoint) => Check(LibZmq.zmq_bind(handle, endpoint), $"bind {endpoint}");

    public void Connect(string endpoint) => Check(LibZmq.zmq_connect(handle, endpoint), $"connect {endpoint}");

    public unsafe void Subscribe(string prefix)
    {
        var bytes = Encoding.UTF8.GetBytes(prefix);
        fixed (byte* data = bytes)
        {
            Check(LibZmq.zmq_setsockopt(handle, LibZmq.ZMQ_SUBSCRIBE, data, (nuint)bytes.Length), "zmq_setsockopt(ZMQ_SUBSCRIBE)");
        }
    }

    public unsafe void SetIdentity(byte[] identity)
    {
        fixed (byte* data = identity)
        {
            Check(LibZmq.zmq_setsockopt(handle, LibZmq.ZMQ_IDENTITY, data, (nuint)identity.Length), "zmq_setsockopt(ZMQ_IDENTITY)");
        }
    }

    /// <summary>Sends all frames as one multipart message (blocking while the peer's queue is full, except on PUB, which drops).</summary>
    public unsafe void SendMultipart(IReadOnlyList<byte[]> frames)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            var flags = i < frames.Count - 1 ? LibZmq.ZMQ_SNDMORE : 0;
            fixed (byte* data = frames[i])
            {
                while (LibZmq.zmq_send(handle, data, (nuint)frames[i].Length, flags) < 0)
                {
                    var error = LibZmq.zmq_errno();
                    if (error != LibZmq.EINTR)
                    {
                        throw new ZmqException($"send on {Type} socket", error);
                    }
                }
            }
        }
    }

    /// <summary>Receives one whole multipart message; null when <paramref name="dontWait"/> and none is queued.</summary>
    public unsafe List<byte[]>? ReceiveMultipart(bool dontWait = false)
    {
        var frames = new List<byte[]>(8);
        LibZmq.ZmqMessage message;
        while (true)
        {
            Check(LibZmq.zmq_msg_init(&message), "zmq_msg_init");
            try
            {
                int received;
                while ((received = LibZmq.zmq_msg_recv(&message, handle, dontWait && frames.Count == 0 ? LibZmq.ZMQ_DONTWAIT : 0)) < 0)
                {
                    var error = LibZmq.zmq_errno();
                    if (error == LibZmq.EAGAIN && frames.Count == 0)
                    {
                        return null;
                    }

                    if (error != LibZmq.EINTR)
                    {
                        throw new ZmqException($"receive on {Type} socket", error);
                    }
                }

                var size = (int)LibZmq.zmq_msg_size(&message);
                var frame = new byte[size];
                Marshal.Copy(LibZmq.zmq_msg_data(&message), frame, 0, size);
                frames.Add(frame);
                if (LibZmq.zmq_msg_more(&message) == 0)
                {
                    return frames;
                }
            }
            finally
            {
                _ = LibZmq.zmq_msg_close(&message);
            }
        }
    }

    /// <summary>Waits until this socket has a message to read; false on timeout.</summary>
    public bool WaitReadable(TimeSpan timeout) => ZmqPoller.WaitReadable([this], timeout) >= 0;

    protected override bool ReleaseHandle() => LibZmq.zmq_close(handle) == 0;

    private unsafe void SetOption(int option, int value) =>
        Check(LibZmq.zmq_setsockopt(handle, option, &value, sizeof(int)), $"zmq_setsockopt({option})");

    private static void Check(int result, string operation)
    {
        if (result != 0)
        {
            throw ZmqException.Last(operation);
        }
    }
}
