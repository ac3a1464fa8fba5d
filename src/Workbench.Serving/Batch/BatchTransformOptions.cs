using Workbench.Serving.Models;

namespace Workbench.Serving.Batch;

/// <summary>How input files are cut into records (SageMaker's <c>SplitType</c>).</summary>
public enum BatchSplitType
{
    /// <summary>One record per line.</summary>
    Line,

    /// <summary>The whole file is one request.</summary>
    None,
}

/// <summary>How records are grouped into requests (SageMaker's <c>BatchStrategy</c>).</summary>
public enum BatchStrategy
{
    /// <summary>As many records per request as fit in <see cref="BatchTransformOptions.MaxPayloadMB"/>.</summary>
    MultiRecord,

    /// <summary>One record per request.</summary>
    SingleRecord,
}

/// <summary>
/// A batch transform job, as SageMaker runs one: every file under <see cref="Input"/> is predicted into
/// <c>Output/&lt;relative path&gt;.out</c>, one output line per input record (JSON: one document per request).
/// </summary>
public sealed record BatchTransformOptions(string Model, string Input, string Output)
{
    public BatchSplitType SplitType { get; init; } = BatchSplitType.Line;

    public BatchStrategy Strategy { get; init; } = BatchStrategy.MultiRecord;

    /// <summary>The largest request (MiB) a mini-batch may make, as SageMaker's <c>MaxPayloadInMB</c>.</summary>
    public double MaxPayloadMB { get; init; } = 6;

    /// <summary>Files transformed at once (SageMaker's <c>MaxConcurrentTransforms</c>).</summary>
    public int Concurrency { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The input files' content type.</summary>
    public string ContentType { get; init; } = Protocol.MediaTypes.Csv;

    /// <summary>The output format; null: CSV for CSV input, JSON Lines otherwise.</summary>
    public string? Accept { get; init; }

    /// <summary>Whether class probabilities follow each prediction.</summary>
    public bool Probabilities { get; init; }

    /// <summary>Where registry references and archives are resolved.</summary>
    public ModelLoadOptions? LoadOptions { get; init; }

    /// <summary>An already loaded model (in-process use); <see cref="Model"/> is then only its label.</summary>
    public ModelBundle? Bundle { get; init; }
}

/// <summary>What became of one input file.</summary>
public enum BatchFileStatus
{
    Succeeded,

    /// <summary>Its <c>.out</c> file already existed (a resumed job).</summary>
    Skipped,

    Failed,
}

/// <summary>One input file's outcome: records transformed, and for a failure the file, line and reason.</summary>
public sealed record BatchFileResult(string Input, string Output, BatchFileStatus Status, long Records, string? Error = null, int? Line = null);

/// <summary>The outcome of a batch transform.</summary>
public sealed record BatchTransformResult(IReadOnlyList<BatchFileResult> Files, TimeSpan Elapsed)
{
    public int Succeeded => Files.Count(f => f.Status == BatchFileStatus.Succeeded);

    public int Skipped => Files.Count(f => f.Status == BatchFileStatus.Skipped);

    public int Failed => Files.Count(f => f.Status == BatchFileStatus.Failed);

    public long Records => Files.Sum(f => f.Records);
}

/// <summary>Progress of a running batch transform (bytes of input read across all files).</summary>
public readonly record struct BatchProgress(long BytesDone, long BytesTotal, long Records, int FilesDone, int FilesTotal);
