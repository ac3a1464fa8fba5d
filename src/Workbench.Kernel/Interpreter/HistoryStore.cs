using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Workbench.Kernel.Interpreter;

/// <summary>One history entry: the session number, the line (execution count) in it, the input, and the text/plain result.</summary>
public sealed record HistoryEntry(
    [property: JsonPropertyName("session")] int Session,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("output")] string? Output);

/// <summary>
/// The kernel's input history, like IPython's: numbered sessions, one line per stored execution, kept across kernel
/// sessions in a JSON Lines file (<c>$WORKBENCH_HOME/kernel/history.jsonl</c>) so history_request can reach earlier
/// sessions (tail, range, glob search). Each entry is one appended line, so concurrent kernels never corrupt it, and a
/// torn last line (a crash mid-write) is skipped on reading.
/// </summary>
public sealed class HistoryStore
{
    /// <summary>How many entries of earlier sessions a kernel loads (the file keeps them all).</summary>
    public const int MaxEarlierEntries = 10_000;

    private readonly object _gate = new();
    private readonly List<HistoryEntry> _earlier;
    private readonly List<HistoryEntry> _current = [];
    private readonly string? _path;

    /// <param name="path">The history file; null keeps history in memory only.</param>
    public HistoryStore(string? path)
    {
        _path = path;
        _earlier = path is null ? [] : Load(path);
        Session = _earlier.Count == 0 ? 1 : _earlier.Max(e => e.Session) + 1;
    }

    /// <summary>This kernel's session number (one more than the highest on file).</summary>
    public int Session { get; }

    public static string DefaultPath(string workbenchHome) => Path.Combine(workbenchHome, "kernel", "history.jsonl");

    public void Add(int line, string input, string? output)
    {
        var entry = new HistoryEntry(Session, line, input, output);
        lock (_gate)
        {
            _current.Add(entry);
            if (_path is null)
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry) + "\n"));
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"[workbench kernel] history not saved to {_path}: {e.Message}");
            }
            catch (UnauthorizedAccessException e)
            {
                Console.Error.WriteLine($"[workbench kernel] history not saved to {_path}: {e.Message}");
            }
        }
    }

    /// <summary>The last <paramref name="count"/> entries across sessions, oldest first.</summary>
    public IReadOnlyList<HistoryEntry> Tail(int count)
    {
        var all = All();
        return all.Skip(Math.Max(0, all.Count - Math.Max(0, count))).ToArray();
    }

    /// <summary>
    /// Lines [start, stop) of a session: 0 is this session, a negative number counts back from it, a positive one
    /// is a session number. A stop of 0 or less means to the end.
    /// </summary>
    public IReadOnlyList<HistoryEntry> Range(int session, int start, int stop)
    {
        var number = session <= 0 ? Session + session : session;
        return All().Where(e => e.Session == number && e.Line >= start && (stop <= 0 || e.Line < stop)).ToArray();
    }

    /// <summary>Entries whose input matches the glob <paramref name="pattern"/> (<c>*</c>, <c>?</c>, <c>[...]</c>), the last <paramref name="count"/>, oldest first.</summary>
    public IReadOnlyList<HistoryEntry> Search(string pattern, int? count, bool unique)
    {
        var regex = Glob(pattern);
        IEnumerable<HistoryEntry> matches = All().Where(e => regex.IsMatch(e.Input));
        if (unique)
        {
            // Keep the latest occurrence of each input, as IPython does.
            matches = matches.Reverse().DistinctBy(e => e.Input, StringComparer.Ordinal).Reverse();
        }

        var list = matches.ToList();
        return count is > 0 ? list.Skip(Math.Max(0, list.Count - count.Value)).ToArray() : list;
    }

    private List<HistoryEntry> All()
    {
        lock (_gate)
        {
            return [.. _earlier, .. _current];
        }
    }

    internal static Regex Glob(string pattern)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    text.Append(".*");
                    break;
                case '?':
                    text.Append('.');
                    break;
                case '[' when pattern.IndexOf(']', i + 1) is var close and > 0:
                    var set = pattern[(i + 1)..close];
                    text.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default:
                    text.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static List<HistoryEntry> Load(string path)
    {
        var entries = new List<HistoryEntry>();
        if (!File.Exists(path))
        {
            return entries;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                try
                {
                    if (line.Length > 0 && JsonSerializer.Deserialize<HistoryEntry>(line) is { Input: not null } entry)
                    {
                        entries.Add(entry);
                    }
                }
                catch (JsonException)
                {
                    // A line torn by a crash mid-append: skip it, keep the rest.
                }
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"[workbench kernel] history at {path} could not be read: {e.Message}");
        }

        // Earlier sessions are for reaching back, not an archive to hold in memory.
        return entries.Count <= MaxEarlierEntries ? entries : entries[^MaxEarlierEntries..];
    }
}
