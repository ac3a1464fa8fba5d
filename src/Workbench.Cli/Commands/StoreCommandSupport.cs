using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Workbench.Tracking;

namespace Workbench.Cli.Commands;

/// <summary>
/// What the store commands (runs, models) share: the <c>--home</c> and <c>--json</c> options, a console over the
/// invocation's output, and one place that turns the library's errors into a one-line message and exit code 1.
/// </summary>
internal static class StoreCommandSupport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Option<string?> HomeOption() => new("--home")
    {
        Description = $"The Workbench home folder (default: ${WorkbenchHome.EnvironmentVariable}, else ./{WorkbenchHome.DefaultFolderName}).",
        Recursive = true,
    };

    public static Option<bool> JsonOption() => new("--json")
    {
        Description = "Write JSON to standard output instead of tables.",
        Recursive = true,
    };

    public static WorkbenchHome Home(ParseResult result, Option<string?> home) => WorkbenchHome.Resolve(result.GetValue(home));

    /// <summary>A Spectre console writing to the invocation's output: plain text and a wide page when it is not a terminal.</summary>
    public static IAnsiConsole Console(ParseResult result)
    {
        var output = result.InvocationConfiguration.Output;
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    public static void WriteJson<T>(ParseResult result, T value) =>
        result.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Runs a command body; a known failure becomes "error: ..." on standard error and exit code 1.</summary>
    public static int Execute(ParseResult result, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException or FormatException or InvalidOperationException
                                       or IOException or InvalidDataException or UnauthorizedAccessException or TimeoutException
                                       or System.Data.Common.DbException)
        {
            result.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The status as users read it: a Running run whose process died says so.</summary>
    public static string StatusText(RunInfo info, IReadOnlyDictionary<string, string> tags) =>
        info.Status == RunStatus.Running && RunEnvironment.IsProcessGone(tags) == true
            ? "RUNNING (process gone, not finished)"
            : info.Status.ToText();

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    public static string Number(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    /// <summary>Adds a row of plain text (escaped: run names and values never act as markup).</summary>
    public static void Row(this Table table, params string?[] cells) => table.AddRow(cells.Select(c => Markup.Escape(c ?? "-")).ToArray());
}
