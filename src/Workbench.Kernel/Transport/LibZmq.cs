using System.Reflection;
using System.Runtime.InteropServices;

namespace Workbench.Kernel.Transport;

/// <summary>
/// P/Invoke declarations for the system libzmq (Debian's libzmq5). Only what the kernel needs; everything above
/// this file goes through <see cref="ZmqContext"/> and <see cref="ZmqSocket"/>.
/// </summary>
internal static partial class LibZmq
{
    public const string Library = "libzmq";

    public const int ZMQ_PUB = 1;
    public const int ZMQ_SUB = 2;
    public const int ZMQ_REQ = 3;
    public const int ZMQ_REP = 4;
    public const int ZMQ_DEALER = 5;
    public const int ZMQ_ROUTER = 6;

    public const int ZMQ_SNDMORE = 2;
    public const int ZMQ_DONTWAIT = 1;

    public const int ZMQ_RCVMORE = 13;
    public const int ZMQ_LINGER = 17;
    public const int ZMQ_SUBSCRIBE = 6;
    public const int ZMQ_IDENTITY = 5;
    public const int ZMQ_ROUTER_HANDOVER = 56;
    public const int ZMQ_SNDHWM = 23;
    public const int ZMQ_RCVHWM = 24;
    public const int ZMQ_LAST_ENDPOINT = 32;

    public const short ZMQ_POLLIN = 1;

    public const int EAGAIN = 11;
    public const int EINTR = 4;

    /// <summary>ETERM: the context was shut down while a call was blocked (ZMQ_HAUSNUMERO + 53).</summary>
    public const int ETERM = 156384765;

    static LibZmq() => NativeLibrary.SetDllImportResolver(typeof(LibZmq).Assembly, Resolve);

    /// <summary>The file names tried for <see cref="Library"/>, most specific first, per platform.</summary>
    public static IReadOnlyList<string> CandidateNames()
    {
        if (OperatingSystem.IsWindows())
        {
            return ["libzmq.dll", "libzmq-mt-4_3_5.dll", "libzmq-v143-mt-4_3_5.dll"];
        }

        if (OperatingSystem.IsMacOS())
        {
            return ["libzmq.5.dylib", "libzmq.dylib", "/opt/homebrew/lib/libzmq.5.dylib", "/usr/local/lib/libzmq.5.dylib"];
        }

        return ["libzmq.so.5", "libzmq.so"];
    }

    /// <summary>Loads libzmq now, failing with a message that says which names were tried and what to install.</summary>
    public static void EnsureLoaded() => _ = Version();

    public static string Version()
    {
        zmq_version(out var major, out var minor, out var patch);
        return $"{major}.{minor}.{patch}";
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in CandidateNames())
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"libzmq was not found (tried {string.Join(", ", CandidateNames())}). The Workbench kernel talks to Jupyter over ZeroMQ: "
            + (OperatingSystem.IsMacOS() ? "brew install zeromq." : OperatingSystem.IsWindows() ? "put libzmq.dll on PATH." : "apt-get install libzmq5 (Debian/Ubuntu) or dnf install zeromq."));
    }

    [LibraryImport(Library)]
    public static partial void zmq_version(out int major, out int minor, out int patch);

    [LibraryImport(Library)]
    public static partial IntPtr zmq_ctx_new();

    [LibraryImport(Library)]
    public static partial int zmq_ctx_term(IntPtr context);

    [LibraryImport(Library)]
    public static partial int zmq_ctx_shutdown(IntPtr context);

    [LibraryImport(Library)]
    public static partial IntPtr zmq_socket(IntPtr context, int type);

    [LibraryImport(Library)]
    public static partial int zmq_close(IntPtr socket);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_setsockopt(IntPtr socket, int option, void* value, nuint length);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_getsockopt(IntPtr socket, int option, void* value, nuint* length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int zmq_bind(IntPtr socket, string endpoint);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int zmq_connect(IntPtr socket, string endpoint);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_send(IntPtr socket, byte* buffer, nuint length, int flags);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_msg_init(ZmqMessage* message);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_msg_recv(ZmqMessage* message, IntPtr socket, int flags);

    [LibraryImport(Library)]
    public static unsafe partial IntPtr zmq_msg_data(ZmqMessage* message);

    [LibraryImport(Library)]
    public static unsafe partial nuint zmq_msg_size(ZmqMessage* message);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_msg_more(ZmqMessage* message);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_msg_close(ZmqMessage* message);

    [LibraryImport(Library)]
    public static unsafe partial int zmq_poll(void* items, int count, long timeout);

    [LibraryImport(Library)]
    public static partial int zmq_errno();

    [LibraryImport(Library)]
    public static partial IntPtr zmq_strerror(int errnum);

    /// <summary>zmq_msg_t: 64 opaque bytes, aligned like a pointer.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    public struct ZmqMessage
    {
        private readonly IntPtr _first;
    }

    /// <summary>zmq_pollitem_t on Linux and macOS (the file descriptor is an int).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ZmqPollItemUnix
    {
        public IntPtr Socket;
        public int FileDescriptor;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>zmq_pollitem_t on Windows (the file descriptor is a pointer-sized SOCKET).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ZmqPollItemWindows
    {
        public IntPtr Socket;
        public IntPtr FileDescriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
