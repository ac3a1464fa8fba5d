using System.Buffers;
using System.Diagnostics;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Batch;

/// <summary>
/// Runs a batch transform locally with the same parsing, validation and model as the endpoint:
/// <list type="bullet">
/// <item>every file under the input folder (recursively) gives <c>&lt;output&gt;/&lt;relative path&gt;.out</c>;</item>
/// <item>records are lines (<see cref="BatchSplitType.Line"/>) grouped up to <c>MaxPayloadMB</c> per request
/// (<see cref="BatchStrategy.MultiRecord"/>) or one per request;</item>
/// <item>output is written to a temporary file and renamed when the file is complete, so an existing <c>.out</c> is
/// always whole, and a rerun skips it (resumable);</item>
/// <item>a bad record fails its file with the file name, the line and the reason; other files go on.</item>
/// </list>
/// <code>
/// var result = await BatchTransform.RunAsync(new BatchTransformOptions("models:/cancer@champion", "in", "out"));
/// </code>
/// </summary>
public static class BatchTransform
{
    public static async Task<BatchTransformResult> RunAsync(BatchTransformOptions options, IProgress<BatchProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var input = Path.GetFullPath(options.Input);
        var output = Path.GetFullPath(options.Output);
        if (!Directory.Exists(input))
        {
            throw new DirectoryNotFoundException($"Batch input folder {input} does not exist.");
        }

        if (options.MaxPayloadMB is <= 0 or > 100 || double.IsNaN(options.MaxPayloadMB))
        {
            throw new ArgumentException($"MaxPayloadMB must be in (0, 100], not {options.MaxPayloadMB}.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Concurrency);
        var (format, header) = MediaTypes.ParseContentType(options.ContentType);
        var accept = options.Accept is { } acceptText ? MediaTypes.NegotiateAccept(acceptText) : format is DataFormat.Csv or DataFormat.Npy ? format : DataFormat.JsonLines;
        if ((format == DataFormat.Npy || accept == DataFormat.Npy) && options.SplitType != BatchSplitType.None)
        {
            // An .npy file is one array, and .npy answers cannot be joined end to end as lines can.
            throw new ArgumentException($"{MediaTypes.Npy} holds one array per file: use SplitType None, which sends each file as one request.", nameof(options));
        }

        Directory.CreateDirectory(output);
        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !(IsUnder(f, output) && f.EndsWith(".out", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

        var bundle = options.Bundle ?? ModelBundle.Load(options.Model, options.LoadOptions);
        try
        {
            var job = new Job(bundle, format, header ?? false, accept, options, files.Sum(f => new FileInfo(f).Length), files.Count, progress);
            var results = new BatchFileResult[files.Count];
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellation }, async (i, token) =>
            {
                var relative = Path.GetRelativePath(input, files[i]);
                var target = Path.Combine(output, relative + ".out");
                results[i] = await Task.Run(() => job.TransformFile(files[i], relative, target, token), token).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return new BatchTransformResult(results, clock.Elapsed);
        }
        finally
        {
            if (options.Bundle is null)
            {
                bundle.Dispose();
            }
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private sealed class Job(ModelBundle bundle, DataFormat format, bool header, DataFormat accept, BatchTransformOptions options, long bytesTotal, int filesTotal, IProgress<BatchProgress>? progress)
    {
        // The endpoint's variant wrapper: serialises models that keep per-call state.
        private readonly Routing.Variant _model = new(options.Model, bundle, shadow: false);
        private readonly long _maxPayload = (long)(options.MaxPayloadMB * 1024 * 1024);
        private long _bytesDone;
        private long _records;
        private int _filesDone;

        public BatchFileResult TransformFile(string path, string relative, string target, CancellationToken cancellation)
        {
            if (File.Exists(target))
            {
                Advance(new FileInfo(path).Length, 0, fileDone: true);
                return new BatchFileResult(relative, target, BatchFileStatus.Skipped, 0);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = $"{target}.partial-{Guid.NewGuid():N}";
            long records = 0;
            try
            {
                using (var sink = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    var writer = new ArrayBufferWriter<byte>(1 << 16);
                    foreach (var request in Requests(path, relative))
                    {
                        cancellation.ThrowIfCancellationRequested();
                        var (rows, predictions) = Predict(request, relative);
                        writer.ResetWrittenCount();
                        PredictionWriter.Write(writer, predictions.All(), accept, options.Probabilities);
                        if (accept == DataFormat.Json)
                        {
                            writer.Write("\n"u8);
                        }

                        sink.Write(writer.WrittenSpan);
                        records += rows;
                        Advance(request.Bytes, rows, fileDone: false);
                    }

                    sink.Flush(flushToDisk: true);
                }

                File.Move(temporary, target, overwrite: false);
                Advance(0, 0, fileDone: true);
                return new BatchFileResult(relative, target, BatchFileStatus.Succeeded, records);
            }
            catch (BatchRecordException e)
            {
                Advance(0, 0, fileDone: true);
                return new BatchFileResult(relative, target, BatchFileStatus.Failed, records, e.Message, e.Line);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        private (int Rows, Predictions Predictions) Predict(Request request, string relative)
        {
            try
            {
                var read = RequestReader.ReadRows(bundle, request.Body, format, header);
                return (read.Count, _model.Predict(read));
            }
            catch (ServingException e)
            {
                var problem = e.Problems.FirstOrDefault();
                var line = request.FirstLine + (problem?.Line ?? (problem?.Row + 1) ?? 1) - 1;
                var reason = problem is null ? e.Message : problem.Column is { } column ? $"column '{column}': {problem.Reason}" : problem.Reason;
                var more = e.TotalProblems > 1 ? $" (and {e.TotalProblems - 1} more problem(s) in this request)" : string.Empty;
                // An array has rows, not lines; row numbers are 0-based as numpy's.
                var where = format != DataFormat.Npy ? $"line {line}" : problem?.Row is { } row ? $"row {row}" : "the array";
                throw new BatchRecordException(line, $"{relative}, {where}: {reason}{more}");
            }
        }

        /// <summary>Mini-batches of whole lines (or the whole file), each at most the payload limit.</summary>
        private IEnumerable<Request> Requests(string path, string relative)
        {
            if (options.SplitType == BatchSplitType.None)
            {
                var length = new FileInfo(path).Length;
                if (length > _maxPayload)
                {
                    throw new BatchRecordException(1, $"{relative}: the file is {length} bytes, more than MaxPayloadInMB ({options.MaxPayloadMB}); use SplitType Line.");
                }

                yield return new Request(File.ReadAllBytes(path), 1, length);
                yield break;
            }

            // A JSON document per line cannot be concatenated with another into one request.
            var single = options.Strategy == BatchStrategy.SingleRecord || format == DataFormat.Json;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var batch = new MemoryStream();
            var firstLine = 1;
            var lineNumber = 0;
            var headerLine = header ? ReadLine(stream) : null;
            if (headerLine is not null)
            {
                lineNumber++;
                firstLine = 2;
            }

            byte[]? line;
            while ((line = ReadLine(stream)) is not null)
            {
                lineNumber++;
                if (line.AsSpan().Trim("\r\n \t"u8).IsEmpty)
                {
                    if (batch.Length == 0)
                    {
                        firstLine = lineNumber + 1;
                    }
                    else
                    {
                        batch.Write(line);
                    }

                    continue;
                }

                var prefix = headerLine?.Length ?? 0;
                if (prefix + line.Length > _maxPayload)
                {
                    throw new BatchRecordException(lineNumber, $"{relative}, line {lineNumber}: the record is {line.Length} bytes, more than MaxPayloadInMB ({options.MaxPayloadMB}).");
                }

                if (batch.Length > 0 && (single || prefix + batch.Length + line.Length > _maxPayload))
                {
                    yield return Flush(batch, headerLine, firstLine);
                    firstLine = lineNumber;
                }

                batch.Write(line);
            }

            if (batch.Length > 0)
            {
                yield return Flush(batch, headerLine, firstLine);
            }
        }

        private static Request Flush(MemoryStream batch, byte[]? headerLine, int firstLine)
        {
            var bytes = batch.Length;
            byte[] body;
            if (headerLine is null)
            {
                body = batch.ToArray();
            }
            else
            {
                // Each request carries the header again, so columns are matched by name in every mini-batch.
                body = [.. headerLine, .. batch.ToArray()];
                firstLine--;
            }

            batch.SetLength(0);
            return new Request(body, firstLine, bytes);
        }

        private static byte[]? ReadLine(Stream stream)
        {
            var line = new MemoryStream();
            int b;
            while ((b = stream.ReadByte()) >= 0)
            {
                line.WriteByte((byte)b);
                if (b == '\n')
                {
                    break;
                }
            }

            return line.Length == 0 ? null : line.ToArray();
        }

        private void Advance(long bytes, long records, bool fileDone)
        {
            var done = Interlocked.Add(ref _bytesDone, bytes);
            var total = Interlocked.Add(ref _records, records);
            var files = fileDone ? Interlocked.Increment(ref _filesDone) : Volatile.Read(ref _filesDone);
            progress?.Report(new BatchProgress(done, bytesTotal, total, files, filesTotal));
        }
    }

    /// <summary>A request cut from a file: its body and the file line its first record is on.</summary>
    private sealed record Request(byte[] Body, int FirstLine, long Bytes);

    private sealed class BatchRecordException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }
}
