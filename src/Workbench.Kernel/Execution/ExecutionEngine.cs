using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Workbench.Kernel.Formatting;
using Workbench.Kernel.Magics;
using Workbench.Kernel.Packages;
using Workbench.Kernel.Scripting;

namespace Workbench.Kernel.Execution;

/// <summary>
/// Runs notebook cells: C# through Roslyn scripting with state carried from cell to cell, magics, Markdown and HTML
/// cells, NuGet references and rich display. Transport-free: the headless runner and the Jupyter kernel both drive
/// it, and receive everything a cell produces through an <see cref="IOutputSink"/>.
/// </summary>
/// <remarks>
/// <para>One engine is one notebook session. Cells run one at a time, in the order <see cref="ExecuteAsync"/> is
/// called; execution counts are the caller's business.</para>
/// <para>Interrupting: <see cref="Interrupt"/> cancels the running cell, whose loops and method entries carry
/// cancellation checks (see <see cref="InterruptionPoints"/>). A cell blocked where no check reaches (a native or
/// blocking call) is reported <see cref="CellStatus.Abandoned"/> after <see cref="EngineOptions.InterruptGracePeriod"/>,
/// and the engine refuses further cells: start a new engine (restart the kernel).</para>
/// <para>Console output of the cell, and of threads and tasks it starts, is captured per cell; Console.Out, Error and In
/// go back to the originals when the last engine is disposed.</para>
/// </remarks>
public sealed partial class ExecutionEngine : IDisposable
{
    private static readonly Lazy<Task> SharedWarmUp = new(() => Task.Run(WarmUpCoreAsync));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly InteractiveAssemblyLoader _assemblyLoader = new();
    private readonly ScriptGlobals _globals = new();
    private ScriptOptions _scriptOptions;
    private ImmutableArray<MetadataReference> _newReferences = [];
    private ScriptState<object>? _state;
    private RunningCell? _running;
    private string? _abandonedCell;
    private int _disposed;

    public ExecutionEngine(EngineOptions? options = null)
    {
        Options = options ?? new EngineOptions();
        Formatters = new FormatterRegistry();
        _scriptOptions = CreateScriptOptions(Options);
        Packages = new PackageSession(this);
        ConsoleRouter.Acquire();
    }

    public EngineOptions Options { get; }

    /// <summary>This session's formatters: register your own, or let extension packages add theirs.</summary>
    public FormatterRegistry Formatters { get; }

    /// <summary>True while a cell runs.</summary>
    public bool IsBusy => _running is not null;

    /// <summary>The variables cells have declared so far, latest declaration of each name.</summary>
    public IReadOnlyList<ScriptVariableInfo> Variables =>
        _state is null
            ? []
            : _state.Variables
                .GroupBy(v => v.Name, StringComparer.Ordinal)
                .Select(g => g.Last())
                .Select(v => new ScriptVariableInfo(v.Name, v.Type, v.Value))
                .ToArray();

    internal PackageSession Packages { get; }

    internal CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>
    /// Loads and JIT-compiles the C# compiler by compiling and running a small script on a background thread, once
    /// per process. Start it while the notebook is being read; the first cell then starts warm.
    /// </summary>
    public static Task WarmUpAsync() => SharedWarmUp.Value;

    /// <summary>
    /// Runs one cell: magics at its top, then its C# (or Markdown / HTML). Outputs go to <paramref name="sink"/> as they
    /// happen; the result says how the cell ended. Never throws for problems in the cell itself.
    /// </summary>
    public async Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CellOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new CellOptions();
        var synchronized = new SynchronizedSink(sink);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_abandonedCell is not null)
            {
                var refused = CellErrors.Plain("EngineAbandoned", $"{options.Label} was not run: {_abandonedCell} is still running after an interrupt (a blocking or native call). Restart the kernel to continue.");
                synchronized.OnError(refused);
                return new CellResult(CellStatus.Error, refused, Stopwatch.GetElapsedTime(started));
            }

            if (Options.WorkingDirectory is { } directory)
            {
                Environment.CurrentDirectory = directory;
            }

            using var running = new RunningCell(cancellationToken);
            var scope = new CellScope(this, synchronized, options.Label, running.Token);
            running.Scope = scope;
            if (options.Timeout is { } timeout)
            {
                running.StopAfter(timeout, options.Label);
            }

            _running = running;
            var work = Task.Factory.StartNew(
                () => RunCellAsync(code, options, scope),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap();
            running.Work = work;
            _ = work.ContinueWith(_ => running.Complete(), TaskScheduler.Default);

            if (await Task.WhenAny(work, running.StopRequested).ConfigureAwait(false) != work
                && await Task.WhenAny(work, Task.Delay(Options.InterruptGracePeriod, CancellationToken.None)).ConfigureAwait(false) != work)
            {
                _abandonedCell = options.Label;
                var abandoned = CellErrors.Plain(
                    "CellAbandoned",
                    $"{options.Label} did not stop within {Durations.Describe(Options.InterruptGracePeriod)} of being {(scope.StopReason == CellStatus.TimedOut ? "timed out" : "interrupted")}: "
                    + "it is blocked where no cancellation check reaches (Thread.Sleep, a synchronous wait, native code, or a long call into a library). "
                    + "It keeps running in the background; restart the kernel to stop it.");
                scope.Error(abandoned);
                return new CellResult(CellStatus.Abandoned, abandoned, Stopwatch.GetElapsedTime(started));
            }

            var outcome = await work.ConfigureAwait(false);
            scope.FlushStreams();
            return new CellResult(outcome.Status, outcome.Error, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A defect in the engine itself: report it as the cell's error rather than tearing down the host.
            var error = CellErrors.Runtime(e);
            synchronized.OnError(error);
            return new CellResult(CellStatus.Error, error, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _running = null;
            _gate.Release();
        }
    }

    /// <summary>Asks the running cell to stop; returns at once. It ends <see cref="CellStatus.Interrupted"/> (or Abandoned).</summary>
    public void Interrupt() => _running?.Stop(CellStatus.Interrupted, $"{_running.Scope?.Label ?? "The cell"} was interrupted.");

    /// <summary>Interrupts the running cell and waits for it; false when it is still running after the grace period.</summary>
    public async Task<bool> InterruptAsync(TimeSpan? grace = null)
    {
        var running = _running;
        if (running?.Work is not { } work)
        {
            return true;
        }

        Interrupt();
        return await Task.WhenAny(work, Task.Delay(grace ?? Options.InterruptGracePeriod)).ConfigureAwait(false) == work;
    }

    /// <summary>
    /// Whether <paramref name="code"/> is a complete submission (Jupyter's is_complete_request): false while a brace,
    /// string or statement is still open. Cells of other languages and magic-only cells are complete.
    /// </summary>
    public bool IsComplete(string code)
    {
        var cell = MagicParser.Parse(code);
        return !cell.IsCSharp || SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(cell.Body, ParseOptions));
    }

    /// <summary>Compiles <paramref name="code"/> as the next cell, without running it, for completion and inspection.</summary>
    public CellAnalysis Analyze(string code)
    {
        var cell = MagicParser.Parse(code);
        var body = cell.IsCSharp ? cell.Body : string.Empty;
        var script = NextScript(body, "analysis");
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return new CellAnalysis(compilation, tree, compilation.GetSemanticModel(tree), cell);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Interrupt();
        ConsoleRouter.Release();
        _assemblyLoader.Dispose();
    }

    internal void AddReferences(IEnumerable<MetadataReference> references)
    {
        var added = references.ToImmutableArray();
        _scriptOptions = _scriptOptions.AddReferences(added);
        _newReferences = _newReferences.AddRange(added);
    }

    /// <summary>
    /// The next submission. A continuation carries only the references added since the last committed submission and
    /// no imports: the chain inherits both. Passing the full reference list again makes Roslyn build a new reference
    /// manager for every submission, and memory then grows quadratically with the number of cells run (about 6 MB per
    /// cell after a few hundred; see roslyn#33304).
    /// </summary>
    private Script<object> NextScript(string code, string label)
    {
        return _state is null
            ? CSharpScript.Create(code, _scriptOptions.WithFilePath(label), typeof(ScriptGlobals), _assemblyLoader)
            : _state.Script.ContinueWith(code, _scriptOptions.WithReferences(_newReferences).WithImports(ImmutableArray<string>.Empty).WithFilePath(label));
    }

    /// <summary>Makes <paramref name="state"/> the notebook's state; the references it compiled with are now part of the chain.</summary>
    private void Commit(ScriptState<object> state)
    {
        _state = state;
        _newReferences = [];
    }

    private static ScriptOptions CreateScriptOptions(EngineOptions options) =>
        ScriptOptions.Default
            .WithReferences(ScriptReferences.Framework)
            .AddReferences(options.References.Where(a => !a.IsDynamic && a.Location.Length > 0).Select(ScriptReferences.For))
            .WithImports(options.Imports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithSourceResolver(new SourceFileResolver([], options.BaseDirectory))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(options.BaseDirectory));

    private static async Task WarmUpCoreAsync()
    {
        var options = CreateScriptOptions(new EngineOptions()).WithFilePath("warm-up");
        var (text, _) = InterruptionPoints.Instrument("var total = 0;\nforeach (var i in new List<int> { 1, 2, 3 }) { total += i; }\ntotal", new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script));
        var state = await CSharpScript.Create(text, options, typeof(ScriptGlobals)).RunAsync(new ScriptGlobals()).ConfigureAwait(false);
        await state.Script.ContinueWith("total + 1", options).RunFromAsync(state).ConfigureAwait(false);
        new FormatterRegistry().Format(new[] { new { Name = "warm", Value = 1 } });
    }
}
