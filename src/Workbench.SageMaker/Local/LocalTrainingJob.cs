using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workbench.Jobs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Container;

namespace Workbench.SageMaker.Local;

/// <summary>
/// One training job on this machine: materialises the <c>/opt/ml</c> tree (config files, channels copied in,
/// checkpoints restored), runs the entrypoint as a child process with the <c>SM_*</c> variables, reads metrics
/// from its output with the job's <c>MetricDefinitions</c>, and packs <c>model.tar.gz</c> and <c>output.tar.gz</c>
/// where SageMaker would put them, walking the secondary statuses SageMaker reports.
/// </summary>
internal sealed class LocalTrainingJob
{
    private static readonly Regex EpochPattern = new(@"\bepoch[=: ]\s*(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    private static readonly string[] CredentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"];

    private readonly object _gate = new();
    private readonly LocalBackendOptions _options;
    private readonly LocalPaths _paths;
    private readonly List<SecondaryStatusTransition> _transitions = [];
    private readonly Dictionary<string, List<JobMetricPoint>> _metrics = new(StringComparer.Ordinal);
    private readonly List<(string Name, Regex Pattern)> _definitions;
    private readonly StringBuilder _log = new();
    private readonly CancellationTokenSource _stop = new();
    private Process? _process;
    private string _status = TrainingJobStatus.InProgress;
    private string? _failureReason;
    private string? _modelArtifacts;
    private string? _stopCause;
    private DateTimeOffset? _trainingStart;
    private DateTimeOffset? _trainingEnd;
    private DateTimeOffset _lastModified;

    public LocalTrainingJob(CreateTrainingJobRequest request, LocalBackendOptions options, LocalPaths paths)
    {
        Request = request;
        _options = options;
        _paths = paths;
        Arn = $"arn:aws:sagemaker:{options.Region}:{options.Account}:training-job/{request.TrainingJobName.ToLowerInvariant()}";
        Folder = Path.Combine(paths.Root, "jobs", request.TrainingJobName);
        Layout = new OptMlLayout(Path.Combine(Folder, "opt", "ml"));
        CreationTime = DateTimeOffset.UtcNow;
        _lastModified = CreationTime;
        _definitions = (request.AlgorithmSpecification.MetricDefinitions ?? [])
            .Select(d => (d.Name, new Regex(d.Regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200))))
            .ToList();
    }

    public CreateTrainingJobRequest Request { get; }

    public string Arn { get; }

    public string Folder { get; }

    public OptMlLayout Layout { get; }

    public DateTimeOffset CreationTime { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public string LogPath => Path.Combine(Folder, "training.log");

    public void Start()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        Transition("Starting", "Preparing the instances for training");
        Completion = Task.Run(RunAsync);
    }

    /// <summary>StopTrainingJob: SIGTERM now, a kill after the grace period.</summary>
    public void Stop(string cause = "StopTrainingJob")
    {
        Process? process;
        lock (_gate)
        {
            if (TrainingJobStatus.IsTerminal(_status) || _status == TrainingJobStatus.Stopping)
            {
                throw new InvalidOperationException($"The job is {_status}; only an InProgress job can be stopped.");
            }

            _status = TrainingJobStatus.Stopping;
            _stopCause = cause;
            process = _process;
        }

        Transition("Stopping", cause == "StopTrainingJob" ? "Stopping the training job" : cause);
        _stop.Cancel();
        if (process is not null)
        {
            try
            {
                ProcessSignals.Terminate(process);
            }
            catch (InvalidOperationException)
            {
                // The process ended between the check and the signal.
            }

            _ = Task.Delay(_options.StopGracePeriod).ContinueWith(_ =>
            {
                try
                {
                    if (!process.HasExited)
                    {
                        AppendLog($"still running {_options.StopGracePeriod.TotalSeconds:0} s after SIGTERM: killed");
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
            }, TaskScheduler.Default);
        }
    }

    public string ReadLog()
    {
        lock (_gate)
        {
            return _log.ToString();
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<JobMetricPoint>> Metrics()
    {
        lock (_gate)
        {
            return _metrics.ToDictionary(m => m.Key, m => (IReadOnlyList<JobMetricPoint>)m.Value.ToList(), StringComparer.Ordinal);
        }
    }

    public DescribeTrainingJobResponse Describe()
    {
        lock (_gate)
        {
            var end = _trainingEnd;
            var trainingSeconds = _trainingStart is { } start ? (int)Math.Ceiling(((end ?? DateTimeOffset.UtcNow) - start).TotalSeconds) : (int?)null;
            return new DescribeTrainingJobResponse
            {
                TrainingJobName = Request.TrainingJobName,
                TrainingJobArn = Arn,
                TrainingJobStatus = _status,
                SecondaryStatus = _transitions.Count > 0 ? _transitions[^1].Status : "Starting",
                FailureReason = _failureReason,
                ModelArtifacts = _modelArtifacts is null ? null : new ModelArtifacts { S3ModelArtifacts = _modelArtifacts },
                HyperParameters = Request.HyperParameters,
                AlgorithmSpecification = Request.AlgorithmSpecification,
                RoleArn = Request.RoleArn,
                InputDataConfig = Request.InputDataConfig,
                OutputDataConfig = Request.OutputDataConfig,
                ResourceConfig = Request.ResourceConfig,
                StoppingCondition = Request.StoppingCondition,
                CheckpointConfig = Request.CheckpointConfig,
                Environment = Request.Environment,
                CreationTime = CreationTime,
                TrainingStartTime = _trainingStart,
                TrainingEndTime = TrainingJobStatus.IsTerminal(_status) ? end : null,
                LastModifiedTime = _lastModified,
                SecondaryStatusTransitions = _transitions.ToList(),
                FinalMetricDataList = _metrics.Select(m => new MetricData { MetricName = m.Key, Value = m.Value[^1].Value, Timestamp = m.Value[^1].Time }).ToList(),
                TrainingTimeInSeconds = TrainingJobStatus.IsTerminal(_status) ? trainingSeconds : null,
                BillableTimeInSeconds = TrainingJobStatus.IsTerminal(_status) ? trainingSeconds : null,
            };
        }
    }

    public TrainingJobSummary Summary()
    {
        var described = Describe();
        return new TrainingJobSummary
        {
            TrainingJobName = described.TrainingJobName,
            TrainingJobArn = described.TrainingJobArn,
            CreationTime = described.CreationTime,
            TrainingEndTime = described.TrainingEndTime,
            LastModifiedTime = described.LastModifiedTime,
            TrainingJobStatus = described.TrainingJobStatus,
            SecondaryStatus = described.SecondaryStatus,
        };
    }

    private async Task RunAsync()
    {
        try
        {
            Materialise();
            if (_stop.IsCancellationRequested)
            {
                Finish(TrainingJobStatus.Stopped, "Stopped", "Training job stopped before training began");
                return;
            }

            Transition("Training", "Training image download completed. Training in progress.");
            var exitCode = await RunProcessAsync().ConfigureAwait(false);
            var stopped = _stop.IsCancellationRequested;
            if (exitCode != 0 && !stopped)
            {
                var reason = File.Exists(Layout.FailureFile) ? File.ReadAllText(Layout.FailureFile).Trim() : string.Empty;
                if (reason.Length == 0)
                {
                    var tail = string.Join(" | ", ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
                    reason = $"the training process exited with code {exitCode.ToString(CultureInfo.InvariantCulture)} without writing {Layout.FailureFile}; last output: {tail}";
                }

                Fail($"AlgorithmError: {reason}");
                return;
            }

            Transition("Uploading", "Uploading generated training model");
            Upload();
            if (stopped)
            {
                Finish(TrainingJobStatus.Stopped, _stopCause == "StopTrainingJob" ? "Stopped" : "MaxRuntimeExceeded", "Training job stopped; the model trained so far was uploaded");
            }
            else
            {
                Finish(TrainingJobStatus.Completed, "Completed", "Training job completed");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException or System.ComponentModel.Win32Exception)
        {
            if (_stop.IsCancellationRequested)
            {
                Finish(TrainingJobStatus.Stopped, "Stopped", $"Training job stopped ({e.Message})");
            }
            else
            {
                Fail($"ClientError: {e.Message}");
            }
        }
    }

    private void Materialise()
    {
        Layout.Create();
        var hyperparameters = Request.HyperParameters ?? new Dictionary<string, string>();
        WriteJson(Layout.HyperparametersFile, hyperparameters);
        WriteJson(Layout.ResourceConfigFile, new Dictionary<string, object>
        {
            ["current_host"] = "algo-1",
            ["current_instance_type"] = Request.ResourceConfig.InstanceType ?? "local",
            ["hosts"] = new[] { "algo-1" },
            ["network_interface_name"] = "eth0",
        });
        var channels = Request.InputDataConfig ?? [];
        WriteJson(Layout.InputDataConfigFile, channels.ToDictionary(c => c.ChannelName, c => new Dictionary<string, string?>
        {
            ["ContentType"] = c.ContentType,
            ["TrainingInputMode"] = c.InputMode ?? Request.AlgorithmSpecification.TrainingInputMode,
            ["S3DistributionType"] = c.DataSource.S3DataSource?.S3DataDistributionType ?? "FullyReplicated",
            ["RecordWrapperType"] = c.RecordWrapperType ?? "None",
            ["CompressionType"] = c.CompressionType,
        }));

        Transition("Downloading", "Downloading input data");
        foreach (var channel in channels)
        {
            var uri = channel.DataSource.S3DataSource?.S3Uri
                ?? throw new ArgumentException($"Channel '{channel.ChannelName}' has no S3DataSource; the local backend reads S3DataSource URIs (s3://, file:// or a path).");
            var source = _paths.Resolve(uri);
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                throw new ArgumentException($"Channel '{channel.ChannelName}': {uri} does not exist (looked at {source}).");
            }

            var copied = LocalArtifactStore.CopyTree(source, Layout.Channel(channel.ChannelName));
            AppendLog($"channel {channel.ChannelName}: {copied} file(s) from {uri}");
        }

        if (Request.CheckpointConfig is { } checkpoints)
        {
            var source = _paths.Resolve(checkpoints.S3Uri);
            if (Directory.Exists(source))
            {
                var restored = LocalArtifactStore.CopyTree(source, Layout.Checkpoints);
                AppendLog($"checkpoints: {restored} file(s) restored from {checkpoints.S3Uri}");
            }
        }
    }

    private async Task<int> RunProcessAsync()
    {
        var command = Request.AlgorithmSpecification.ContainerEntrypoint is { Count: > 0 } entrypoint
            ? [.. entrypoint, .. Request.AlgorithmSpecification.ContainerArguments ?? []]
            : (_options.TrainingCommand ?? DefaultTrainingCommand()).ToList();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // A container never sees the caller's AWS credentials: it gets the execution role's.
        foreach (var variable in CredentialVariables)
        {
            start.Environment.Remove(variable);
        }

        var hyperparameters = Request.HyperParameters ?? new Dictionary<string, string>();
        var variables = TrainingEnvironment.ToolkitVariables(
            Layout, hyperparameters, (Request.InputDataConfig ?? []).Select(c => c.ChannelName), "algo-1", Environment.ProcessorCount, 0);
        foreach (var (key, value) in variables)
        {
            start.Environment[key] = value;
        }

        start.Environment[OptMlLayout.RootVariable] = Layout.Root;
        start.Environment["TRAINING_JOB_NAME"] = Request.TrainingJobName;
        start.Environment["TRAINING_JOB_ARN"] = Arn;
        foreach (var (key, value) in Request.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return 143;
            }

            process.Start();
            _process = process;
            _trainingStart = DateTimeOffset.UtcNow;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var watchdog = Request.StoppingCondition.MaxRuntimeInSeconds is { } limit
            ? new Timer(_ => StopQuietly("MaxRuntimeExceeded"), null, TimeSpan.FromSeconds(limit), Timeout.InfiniteTimeSpan)
            : null;
        await process.WaitForExitAsync().ConfigureAwait(false);
        process.WaitForExit();
        lock (_gate)
        {
            _trainingEnd = DateTimeOffset.UtcNow;
            _process = null;
        }

        return process.ExitCode;
    }

    private void StopQuietly(string cause)
    {
        try
        {
            Stop(cause);
        }
        catch (InvalidOperationException)
        {
            // Already ending.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        AppendLog(line);
        var now = DateTimeOffset.UtcNow;
        foreach (var (name, pattern) in _definitions)
        {
            Match match;
            try
            {
                match = pattern.Match(line);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (!match.Success || match.Groups.Count < 2 || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            lock (_gate)
            {
                if (!_metrics.TryGetValue(name, out var series))
                {
                    _metrics[name] = series = [];
                }

                var epoch = EpochPattern.Match(line);
                long step = epoch.Success ? long.Parse(epoch.Groups[1].Value, CultureInfo.InvariantCulture) : series.Count + 1;
                series.Add(new JobMetricPoint(now, value, step));
            }
        }
    }

    private void Upload()
    {
        var output = LocalPaths.Child(Request.OutputDataConfig.S3OutputPath, $"{Request.TrainingJobName}/output");
        var outputFolder = _paths.Resolve(output);
        Directory.CreateDirectory(outputFolder);
        if (Directory.EnumerateFileSystemEntries(Layout.Model).Any())
        {
            PackDirectory(Layout.Model, Path.Combine(outputFolder, "model.tar.gz"));
            lock (_gate)
            {
                _modelArtifacts = LocalPaths.Child(output, "model.tar.gz");
            }
        }

        if (Directory.EnumerateFileSystemEntries(Layout.OutputData).Any())
        {
            PackDirectory(Layout.OutputData, Path.Combine(outputFolder, "output.tar.gz"));
        }

        if (Request.CheckpointConfig is { } checkpoints && Directory.Exists(Layout.Checkpoints))
        {
            LocalArtifactStore.CopyTree(Layout.Checkpoints, _paths.Resolve(checkpoints.S3Uri));
        }
    }

    private static void PackDirectory(string source, string target)
    {
        var temp = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                {
                    TarFile.CreateFromDirectory(source, gzip, includeBaseDirectory: false);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private void Fail(string reason)
    {
        lock (_gate)
        {
            _failureReason = FailureReason.Limit(reason);
        }

        AppendLog($"failed: {reason}");
        Finish(TrainingJobStatus.Failed, "Failed", "Training job failed");
    }

    private void Finish(string status, string secondary, string message)
    {
        Transition(secondary, message);
        lock (_gate)
        {
            _status = status;
            _trainingEnd ??= DateTimeOffset.UtcNow;
            var end = _transitions[^1].StartTime;
            _transitions[^1] = _transitions[^1] with { EndTime = end };
        }
    }

    private void Transition(string secondary, string message)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_transitions.Count > 0)
            {
                _transitions[^1] = _transitions[^1] with { EndTime = now };
            }

            _transitions.Add(new SecondaryStatusTransition { Status = secondary, StartTime = now, StatusMessage = message });
            _lastModified = now;
        }
    }

    private void AppendLog(string line)
    {
        lock (_gate)
        {
            _log.Append(line).Append('\n');
            File.AppendAllText(LogPath, line + "\n");
        }
    }

    private static void WriteJson<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary><c>dotnet Workbench.Cli.dll train</c> beside this process, else <c>workbench train</c> on PATH.</summary>
    internal static IReadOnlyList<string> DefaultTrainingCommand()
    {
        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(LocalTrainingJob).Assembly.Location) })
        {
            if (folder is not null && File.Exists(Path.Combine(folder, "Workbench.Cli.dll")))
            {
                return ["dotnet", Path.Combine(folder, "Workbench.Cli.dll"), "train"];
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.Combine(p, "workbench"))
            .FirstOrDefault(File.Exists);
        return onPath is not null
            ? [onPath, "train"]
            : throw new InvalidOperationException(
                "The local backend cannot find the training entrypoint: no Workbench.Cli.dll beside this process and no 'workbench' on PATH; set LocalBackendOptions.TrainingCommand (e.g. [\"dotnet\", \"/path/Workbench.Cli.dll\", \"train\"]).");
    }
}
