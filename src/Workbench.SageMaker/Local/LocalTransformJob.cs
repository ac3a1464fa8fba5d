using System.Net.Http.Headers;
using System.Text;
using Workbench.SageMaker.Api;
using Workbench.Serving.Hosting;
using Workbench.Serving.Models;

namespace Workbench.SageMaker.Local;

/// <summary>
/// A batch transform job on this machine, done as SageMaker does it: start the model's inference server, send it
/// every input file (split into records by line with <c>SplitType=Line</c>, packed into requests up to
/// <c>MaxPayloadInMB</c> with <c>BatchStrategy=MultiRecord</c>, one record each with <c>SingleRecord</c>), and write the
/// answers to <c>&lt;output&gt;/&lt;input file&gt;.out</c>, one line per record with <c>AssembleWith=Line</c>.
/// </summary>
internal sealed class LocalTransformJob(CreateTransformJobRequest request, string arn, VariantOptions variant, LocalPaths paths, string? workbenchHome)
{
    private readonly object _gate = new();
    private string _status = TransformJobStatus.InProgress;
    private string? _failureReason;
    private DateTimeOffset? _start;
    private DateTimeOffset? _end;

    public string Arn => arn;

    public DateTimeOffset CreationTime { get; } = DateTimeOffset.UtcNow;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    public DescribeTransformJobResponse Describe()
    {
        lock (_gate)
        {
            return new DescribeTransformJobResponse
            {
                TransformJobName = request.TransformJobName,
                TransformJobArn = arn,
                TransformJobStatus = _status,
                FailureReason = _failureReason,
                ModelName = request.ModelName,
                MaxConcurrentTransforms = request.MaxConcurrentTransforms,
                MaxPayloadInMB = request.MaxPayloadInMB,
                BatchStrategy = request.BatchStrategy,
                Environment = request.Environment,
                TransformInput = request.TransformInput,
                TransformOutput = request.TransformOutput,
                TransformResources = request.TransformResources,
                DataProcessing = request.DataProcessing,
                CreationTime = CreationTime,
                TransformStartTime = _start,
                TransformEndTime = _end,
            };
        }
    }

    private async Task RunAsync()
    {
        lock (_gate)
        {
            _start = DateTimeOffset.UtcNow;
        }

        try
        {
            var source = paths.Resolve(request.TransformInput.DataSource.S3DataSource.S3Uri);
            var files = File.Exists(source) ? [source]
                : Directory.Exists(source) ? Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : throw new ArgumentException($"Input {request.TransformInput.DataSource.S3DataSource.S3Uri} does not exist (looked at {source}).");
            var root = File.Exists(source) ? Path.GetDirectoryName(source)! : source;
            var output = paths.Resolve(request.TransformOutput.S3OutputPath);
            await using var server = await InferenceEndpoint.StartAsync(new EndpointOptions
            {
                Name = request.TransformJobName,
                Port = 0,
                Variants = [variant],
                LoadOptions = new ModelLoadOptions { WorkbenchHome = workbenchHome },
                MaxPayloadBytes = (long)(request.MaxPayloadInMB ?? 6) * 1024 * 1024,
            }).ConfigureAwait(false);
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(root, file);
                var answers = new List<string>();
                foreach (var batch in Batches(file))
                {
                    answers.Add(await InvokeAsync(client, batch.Body, $"{relative} (records from line {batch.FirstLine})").ConfigureAwait(false));
                }

                var target = Path.Combine(output, relative + ".out");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var separator = request.TransformOutput.AssembleWith == "Line" ? "\n" : string.Empty;
                var temp = target + ".part";
                await File.WriteAllTextAsync(temp, string.Join(separator, answers.Select(a => separator.Length > 0 ? a.TrimEnd('\n') : a)) + separator).ConfigureAwait(false);
                File.Move(temp, target, overwrite: true);
            }

            Finish(TransformJobStatus.Completed, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Finish(TransformJobStatus.Failed, e is TransformRecordException ? e.Message : $"ClientError: {e.Message}");
        }
    }

    private IEnumerable<(int FirstLine, string Body)> Batches(string file)
    {
        if (request.TransformInput.SplitType is null or "None")
        {
            yield return (1, File.ReadAllText(file));
            yield break;
        }

        var limit = (request.MaxPayloadInMB ?? 6) * 1024L * 1024;
        var single = request.BatchStrategy == "SingleRecord";
        var current = new StringBuilder();
        var first = 1;
        var number = 0;
        foreach (var record in File.ReadLines(file))
        {
            number++;
            if (record.Length == 0)
            {
                continue;
            }

            if (current.Length > 0 && (single || Encoding.UTF8.GetByteCount(record) + current.Length + 1 > limit))
            {
                yield return (first, current.ToString());
                current.Clear();
            }

            if (current.Length == 0)
            {
                first = number;
            }

            current.Append(record).Append('\n');
        }

        if (current.Length > 0)
        {
            yield return (first, current.ToString());
        }
    }

    private async Task<string> InvokeAsync(HttpClient client, string body, string where)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.TransformInput.ContentType ?? "text/csv");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = content };
        if (request.TransformOutput.Accept is { } accept)
        {
            message.Headers.Accept.ParseAdd(accept);
        }

        using var response = await client.SendAsync(message).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new TransformRecordException($"AlgorithmError: {where}: the model answered {(int)response.StatusCode}: {text.Trim()}");
        }

        return text;
    }

    private void Finish(string status, string? reason)
    {
        lock (_gate)
        {
            _status = status;
            _failureReason = reason is { Length: > 1024 } ? reason[..1023] + "…" : reason;
            _end = DateTimeOffset.UtcNow;
        }
    }

    private sealed class TransformRecordException(string message) : Exception(message);
}
