using System.Text.RegularExpressions;

namespace Workbench.Tracking;

/// <summary>
/// A dataset a run read, identified by its content fingerprint (<c>sha256:</c> + 64 hex digits), with a
/// human name, where it came from, its row count and what the run used it for (training, evaluation, ...).
/// Two runs evaluated "on the same set" are runs with an evaluation input of the same fingerprint.
/// </summary>
public sealed partial record DatasetInput
{
    public const string Training = "training";
    public const string Evaluation = "evaluation";
    public const string Validation = "validation";

    public DatasetInput(string fingerprint, string name, string? source = null, long? rows = null, string context = Training)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(context);
        RequireFingerprint(fingerprint, $"Dataset '{name}'");
        if (rows is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"Dataset '{name}': the row count cannot be negative.");
        }

        Fingerprint = fingerprint;
        Name = name;
        Source = source;
        Rows = rows;
        Context = context;
    }

    public string Fingerprint { get; }

    public string Name { get; }

    public string? Source { get; }

    public long? Rows { get; }

    public string Context { get; }

    /// <summary>
    /// A dataset file identified by the SHA-256 of its bytes (the digest <c>sha256sum</c> prints), named after the
    /// file unless <paramref name="name"/> is given; its source is the path.
    /// </summary>
    public static DatasetInput FromFile(string path, string context = Training, string? name = null, long? rows = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Cannot fingerprint dataset {path}: the file does not exist.", path);
        }

        return new DatasetInput("sha256:" + Artifacts.Sha256Text.OfFile(path), name ?? Path.GetFileName(path), path, rows, context);
    }

    public static bool IsFingerprint(string? text) => text is not null && FingerprintPattern().IsMatch(text);

    /// <summary>Returns <paramref name="fingerprint"/>, or throws an error that starts with <paramref name="context"/>.</summary>
    public static string RequireFingerprint(string? fingerprint, string context) => IsFingerprint(fingerprint)
        ? fingerprint!
        : throw new ArgumentException(
            $"{context}: '{fingerprint}' is not a fingerprint; expected 'sha256:' followed by 64 lowercase hex digits.", nameof(fingerprint));

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex FingerprintPattern();
}
