using System.Text;

namespace Workbench.Kernel.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/>, <see cref="Console.Error"/> and <see cref="Console.In"/> to the running cell
/// (found through <see cref="CellScope.Current"/>), and to the original console everywhere else. Installed while
/// any engine is alive and restored when the last one is disposed.
/// </summary>
/// <remarks>
/// Not captured: native code writing to file descriptors 1/2, <see cref="Console.OpenStandardOutput()"/> streams,
/// and <see cref="Console.ReadKey()"/>, which needs a terminal.
/// </remarks>
internal static class ConsoleRouter
{
    private static readonly object Gate = new();
    private static int _users;
    private static TextWriter? _originalOut;
    private static TextWriter? _originalError;
    private static TextReader? _originalIn;

    public static void Acquire()
    {
        lock (Gate)
        {
            if (_users++ == 0)
            {
                _originalOut = Console.Out;
                _originalError = Console.Error;
                _originalIn = Console.In;
                Console.SetOut(new RoutingWriter(_originalOut, scope => scope.Stdout));
                Console.SetError(new RoutingWriter(_originalError, scope => scope.Stderr));
                Console.SetIn(new RoutingReader(_originalIn));
            }
        }
    }

    public static void Release()
    {
        lock (Gate)
        {
            if (_users == 0 || --_users > 0)
            {
                return;
            }

            Console.Out.Flush();
            Console.SetOut(_originalOut!);
            Console.SetError(_originalError!);
            Console.SetIn(_originalIn!);
            _originalOut = _originalError = null;
            _originalIn = null;
        }
    }

    private sealed class RoutingWriter(TextWriter original, Func<CellScope, TextWriter> select) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        private TextWriter Target => CellScope.Current is { } scope ? select(scope) : original;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void Write(ReadOnlySpan<char> buffer) => Target.Write(buffer);

        public override void WriteLine() => Target.Write(NewLine);

        public override void WriteLine(string? value) => Target.Write(value + NewLine);

        public override void Flush() => Target.Flush();
    }

    private sealed class RoutingReader(TextReader original) : TextReader
    {
        private readonly AsyncLocal<StringReader?> _pending = new();

        public override string? ReadLine()
        {
            if (CellScope.Current is not { } scope)
            {
                return original.ReadLine();
            }

            if (_pending.Value is { } pending && pending.Peek() >= 0)
            {
                return pending.ReadLine();
            }

            scope.FlushStreams();
            return scope.Sink.OnInputRequestAsync(new InputRequest(string.Empty, Password: false), scope.Token).GetAwaiter().GetResult();
        }

        public override int Read()
        {
            if (CellScope.Current is null)
            {
                return original.Read();
            }

            var pending = Pending();
            return pending?.Read() ?? -1;
        }

        public override int Peek()
        {
            if (CellScope.Current is null)
            {
                return original.Peek();
            }

            var pending = Pending();
            return pending?.Peek() ?? -1;
        }

        private StringReader? Pending()
        {
            if (_pending.Value is { } pending && pending.Peek() >= 0)
            {
                return pending;
            }

            var line = ReadLine();
            _pending.Value = line is null ? null : new StringReader(line + "\n");
            return _pending.Value;
        }
    }
}
