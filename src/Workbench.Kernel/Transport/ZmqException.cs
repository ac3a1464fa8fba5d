using System.Runtime.InteropServices;

namespace Workbench.Kernel.Transport;

/// <summary>A libzmq call failed; the message carries zmq_strerror's text and what was being done.</summary>
public sealed class ZmqException : Exception
{
    public ZmqException(string operation, int errorNumber)
        : base($"{operation} failed: {Describe(errorNumber)} (errno {errorNumber})")
    {
        ErrorNumber = errorNumber;
    }

    public int ErrorNumber { get; }

    /// <summary>The context was shut down: a blocked call returned because the kernel is stopping.</summary>
    public bool IsTerminated => ErrorNumber == LibZmq.ETERM;

    public static string Describe(int errorNumber) => Marshal.PtrToStringUTF8(LibZmq.zmq_strerror(errorNumber)) ?? "unknown error";

    internal static ZmqException Last(string operation) => new(operation, LibZmq.zmq_errno());
}
