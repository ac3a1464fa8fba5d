namespace Workbench.Kernel.Transport;

/// <summary>zmq_poll over a few sockets, for readability only (all the kernel needs).</summary>
public static class ZmqPoller
{
    /// <summary>The index of the first socket with a message to read, or -1 when <paramref name="timeout"/> passed first.</summary>
    public static int WaitReadable(IReadOnlyList<ZmqSocket> sockets, TimeSpan timeout)
    {
        var milliseconds = timeout == Timeout.InfiniteTimeSpan ? -1L : (long)Math.Ceiling(timeout.TotalMilliseconds);
        return OperatingSystem.IsWindows()
            ? WaitReadable(sockets, milliseconds, static s => new LibZmq.ZmqPollItemWindows { Socket = s, Events = LibZmq.ZMQ_POLLIN }, static i => i.ReturnedEvents)
            : WaitReadable(sockets, milliseconds, static s => new LibZmq.ZmqPollItemUnix { Socket = s, Events = LibZmq.ZMQ_POLLIN }, static i => i.ReturnedEvents);
    }

    /// <summary>zmq_pollitem_t differs by platform (see <see cref="LibZmq"/>); the loop around it does not.</summary>
    private static unsafe int WaitReadable<TItem>(IReadOnlyList<ZmqSocket> sockets, long timeout, Func<IntPtr, TItem> create, Func<TItem, short> returned)
        where TItem : unmanaged
    {
        var items = stackalloc TItem[sockets.Count];
        for (var i = 0; i < sockets.Count; i++)
        {
            items[i] = create(sockets[i].DangerousGetHandle());
        }

        var result = LibZmq.zmq_poll(items, sockets.Count, timeout);
        if (result < 0)
        {
            var error = LibZmq.zmq_errno();
            // A signal (SIGINT to interrupt a cell) wakes the poll; the caller simply polls again.
            return error == LibZmq.EINTR ? -1 : throw new ZmqException("zmq_poll", error);
        }

        for (var i = 0; result > 0 && i < sockets.Count; i++)
        {
            if ((returned(items[i]) & LibZmq.ZMQ_POLLIN) != 0)
            {
                return i;
            }
        }

        return -1;
    }
}
