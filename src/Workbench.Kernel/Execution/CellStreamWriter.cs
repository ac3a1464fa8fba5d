using System.Text;

namespace Workbench.Kernel.Execution;

/// <summary>
/// One cell's stdout or stderr. Whole lines go to the sink as they complete; a partial line (a progress counter
/// written with <c>Console.Write</c>) goes after a short delay, and everything goes before any other output,
/// so streams and displays stay in the order the cell produced them.
/// </summary>
internal sealed class CellStreamWriter : TextWriter
{
    private static readonly TimeSpan PartialLineDelay = TimeSpan.FromMilliseconds(100);

    private readonly StringBuilder _buffer = new();
    private readonly IOutputSink _sink;
    private readonly OutputStream _stream;
    private Timer? _timer;

    public CellStreamWriter(IOutputSink sink, OutputStream stream)
    {
        _sink = sink;
        _stream = stream;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_buffer)
        {
            _buffer.Append(value);
        }

        AfterWrite(value == '\n');
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_buffer)
        {
            _buffer.Append(value);
        }

        AfterWrite(value.Contains('\n', StringComparison.Ordinal));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(buffer.ToString());

    public override void WriteLine(string? value) => Write(value + NewLine);

    /// <summary>Sends everything buffered, partial line included.</summary>
    public override void Flush() => Emit(wholeLinesOnly: false);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _timer?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void AfterWrite(bool sawNewline)
    {
        if (sawNewline)
        {
            Emit(wholeLinesOnly: true);
        }

        bool pending;
        lock (_buffer)
        {
            pending = _buffer.Length > 0;
        }

        if (pending)
        {
            var timer = _timer ??= new Timer(_ => Emit(wholeLinesOnly: false));
            timer.Change(PartialLineDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Emit(bool wholeLinesOnly)
    {
        // The sink is called under the buffer's lock so that two threads cannot reorder chunks.
        lock (_buffer)
        {
            if (_buffer.Length == 0)
            {
                return;
            }

            var text = _buffer.ToString();
            var length = wholeLinesOnly ? text.LastIndexOf('\n') + 1 : text.Length;
            if (length == 0)
            {
                return;
            }

            _buffer.Remove(0, length);
            _sink.OnStream(_stream, text[..length]);
        }
    }
}
