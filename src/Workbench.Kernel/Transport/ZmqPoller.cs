namespace Workbench.Kernel.Transport;

/// <summary>zmq_poll over a few sockets, for readability only (all the kernel needs).</summary>
public static class ZmqPoller
{
    /// <summary>The index of the first socket with a message to read, or -1 when <paramref name="timeout"/> passed first.</summary>
    public static unsafe int WaitReadable(IReadOnlyList<ZmqSocket> sockets, TimeSpan timeout)
    {
        var milliseconds = timeout == Timeout.InfiniteTimeSpan ? -1L : (long)Math.Ceiling(timeout.TotalMilliseconds);
        int result;
        if (OperatingSystem.IsWindows())
        {
            var items = stackalloc LibZmq.ZmqPollItemWindows[sockets.Count];
            for (var i = 0; i < sockets.Count; i++)
            {
                items[i] = new LibZmq.ZmqPollItemWindows { Socket = sockets[i].DangerousGetHandle(), Events = LibZmq.ZMQ_POLLIN };
            }

            result = Poll(items, sockets.Count, milliseconds);
            for (var i = 0; result > 0 && i < sockets.Count; i++)
            {
                if ((items[i].ReturnedEvents & LibZmq.ZMQ_POLLIN) != 0)
                {
                    return i;
                }
            }
        }
        else
        {
            var items = stackalloc LibZmq.ZmqPollItemUnix[sockets.Count];
            for (var i = 0; i < sockets.Count; i++)
            {
                items[i] = new LibZmq.ZmqPollItemUnix { Socket = sockets[i].DangerousGetHandle(), Events = LibZmq.ZMQ_POLLIN };
            }

            result = Poll(items, sockets.Count, milliseconds);
            for (var i = 0; result > 0 && i < sockets.Count; i++)
            {
                if ((items[i].ReturnedEvents & LibZmq.ZMQ_POLLIN) != 0)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static unsafe int Poll(void* items, int count, long timeout)
    {
        var result = LibZmq.zmq_poll(items, count, timeout);
        if (result < 0)
        {
            var error = LibZmq.zmq_errno();
            // A signal (SIGINT to interrupt a cell) wakes the poll; the caller simply polls again.
            return error == LibZmq.EINTR ? 0 : throw new ZmqException("zmq_poll", error);
        }

        return result;
    }
}
