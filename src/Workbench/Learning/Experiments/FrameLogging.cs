using Workbench.Data;
using Workbench.Tracking;

namespace Workbench.Learning.Experiments;

/// <summary>
/// Frames in experiment runs, which the tracker (independent of Workbench.Data) cannot offer itself: a frame as a
/// CSV artifact, and a frame as a dataset input identified by its content fingerprint
/// (<see cref="DatasetFingerprint.Of"/>: names, types and values, independent of the file it came from).
/// Two runs that logged inputs with the same fingerprint saw exactly the same data; the registry's promotion rule
/// compares models only on an evaluation set both runs logged.
/// </summary>
public static class FrameLogging
{
    /// <summary>
    /// Records <paramref name="frame"/> as a dataset the run read: its content fingerprint, <paramref name="name"/>,
    /// row count, what it was used for (<see cref="DatasetInput.Training"/>, <see cref="DatasetInput.Validation"/>,
    /// <see cref="DatasetInput.Evaluation"/>) and, optionally, where it came from. Returns the input, whose
    /// <see cref="DatasetInput.Fingerprint"/> is what a promotion rule names.
    /// </summary>
    public static DatasetInput LogInput(this ActiveRun run, Frame frame, string name, string context = DatasetInput.Training, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(frame);
        var input = new DatasetInput(DatasetFingerprint.Of(frame), name, source, frame.RowCount, context);
        run.LogInput(input);
        return input;
    }

    /// <summary>
    /// Stores <paramref name="frame"/> as a CSV artifact of kind <c>frame</c> at <paramref name="artifactPath"/>
    /// (RFC 4180, invariant numbers, ISO-8601 times; read it back with <c>Frame.ReadCsv</c> or pandas).
    /// </summary>
    public static ArtifactEntry LogFrame(this ActiveRun run, Frame frame, string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(frame);
        var path = KeyRules.ValidateArtifactPath(artifactPath);
        var folder = ScratchFolder.Create();
        try
        {
            var file = Path.Combine(folder, "frame.csv");
            frame.WriteCsv(file);
            return run.LogArtifact(file, path, ArtifactKind.Frame);
        }
        finally
        {
            ScratchFolder.Delete(folder);
        }
    }

    /// <summary>Reads a frame artifact back (the bytes are verified against their sha256 as they are read).</summary>
    public static Frame ReadFrameArtifact(this Tracker tracker, string runId, string artifactPath)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var folder = ScratchFolder.Create();
        try
        {
            var file = tracker.DownloadArtifacts(runId, folder, artifactPath).Single();
            return Frame.ReadCsv(file);
        }
        finally
        {
            ScratchFolder.Delete(folder);
        }
    }
}
