using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Workbench.Jobs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Jobs;
using Workbench.SageMaker.Local;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench sagemaker train-job request.json</c>: run a CreateTrainingJob request (the JSON <c>aws sagemaker
/// create-training-job --cli-input-json</c> takes) on the local backend or on SageMaker, print each status transition
/// and metric as it appears, and exit 0 Completed, 1 Failed (with the reason), 3 Stopped. Ctrl+C stops the job.
/// </summary>
public static class SageMakerTrainingCommand
{
    public static Command Create()
    {
        var request = new Argument<FileInfo>("request") { Description = "The CreateTrainingJob request as JSON." };
        var backend = new Option<string>("--backend") { Description = "local (default) or sagemaker.", DefaultValueFactory = _ => SageMakerBackends.Local };
        var root = new Option<string?>("--local-root") { Description = "The local backend's folder (jobs, s3:// stand-in); default under the Workbench home." };
        var region = new Option<string?>("--region") { Description = "The AWS region (sagemaker backend)." };
        var poll = new Option<double>("--poll-seconds") { Description = "Seconds between status checks.", DefaultValueFactory = _ => 1 };
        var command = new Command("train-job", "Run a CreateTrainingJob request on the local backend (the training container's entrypoint in a temporary /opt/ml) or on SageMaker, and follow it.")
        {
            request, backend, root, region, poll,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var file = result.GetValue(request)!;
            CreateTrainingJobRequest job;
            try
            {
                job = JsonSerializer.Deserialize<CreateTrainingJobRequest>(File.ReadAllText(file.FullName), AwsJson.Options)
                    ?? throw new JsonException("the file holds null");
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
            {
                error.WriteLine($"workbench sagemaker train-job: {file.FullName} is not a CreateTrainingJob request: {e.Message}");
                return 2;
            }

            var (created, unavailable) = await SageMakerBackends.TryCreateAsync(
                result.GetValue(backend)!, new LocalBackendOptions { Root = result.GetValue(root) }, new AwsClientOptions { Region = result.GetValue(region) }, cancellation);
            if (created is null)
            {
                error.WriteLine($"workbench sagemaker train-job: the sagemaker backend is not available: {unavailable}");
                return 2;
            }

            using var sm = created;
            TrainingJob running;
            try
            {
                running = await TrainingJob.StartAsync(sm, job, cancellation);
            }
            catch (Exception e) when (e is RequestValidationException or AwsServiceException)
            {
                error.WriteLine($"workbench sagemaker train-job: {e.Message}");
                return 2;
            }

            output.WriteLine($"{job.TrainingJobName} started on the {sm.Name} backend");
            var printer = new Progress(output);
            try
            {
                await running.WaitAsync(printer.Print, TimeSpan.FromSeconds(result.GetValue(poll)), cancellationToken: cancellation);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("stopping the job (Ctrl+C)");
                await running.StopAsync(CancellationToken.None);
                await running.WaitAsync(printer.Print, TimeSpan.FromSeconds(result.GetValue(poll)));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{running.Name}: {running.Status} after {running.Elapsed.TotalSeconds:0.0} s; model: {running.ModelArtifacts ?? "none"}"));
            if (running.FailureReason is { } reason)
            {
                error.WriteLine($"failure reason: {reason}");
            }

            return running.Status switch
            {
                TrainingJobStatus.Completed => 0,
                TrainingJobStatus.Stopped => 3,
                _ => 1,
            };
        });
        return command;
    }

    /// <summary>Prints each new transition and each new metric value once.</summary>
    private sealed class Progress(TextWriter output)
    {
        private readonly Dictionary<string, int> _printed = new(StringComparer.Ordinal);
        private int _transitions;

        public void Print(TrackedJob job)
        {
            var history = job.History;
            for (; _transitions < history.Count; _transitions++)
            {
                var step = history[_transitions];
                output.WriteLine($"{step.Time:HH:mm:ss} {step.Status,-10} {step.SecondaryStatus,-12} {step.Message}");
            }

            foreach (var (name, points) in job.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                for (var i = _printed.GetValueOrDefault(name); i < points.Count; i++)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"         {name} = {points[i].Value:G6}{(points[i].Step is { } step ? $" (step {step})" : string.Empty)}"));
                }

                _printed[name] = points.Count;
            }
        }
    }
}
