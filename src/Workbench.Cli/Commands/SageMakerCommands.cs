using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Workbench.Costs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Security;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench sagemaker</c>: check requests against the botocore models, generate least-privilege IAM policies,
/// and simulate target-tracking autoscaling, all without an AWS account.
/// </summary>
public static class SageMakerCommands
{
    public static Command Create()
    {
        var sagemaker = new Command("sagemaker", "SageMaker helpers that need no AWS account: request validation, IAM policies, autoscaling simulation.");
        sagemaker.Subcommands.Add(Validate());
        sagemaker.Subcommands.Add(IamPolicy());
        sagemaker.Subcommands.Add(SimulateScaling());
        sagemaker.Subcommands.Add(SageMakerTrainingCommand.Create());
        return sagemaker;
    }

    private static Command Validate()
    {
        var service = new Argument<string>("service") { Description = "sagemaker, sagemaker-runtime or application-autoscaling." };
        var operation = new Argument<string>("operation") { Description = "The operation, e.g. CreateTrainingJob." };
        var request = new Argument<FileInfo>("request") { Description = "The request as JSON (as the API takes it)." };
        var command = new Command("validate", "Check a request against the botocore service model: required members, types, enums, ranges, lengths, patterns.") { service, operation, request };
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            var model = result.GetValue(service) switch
            {
                "sagemaker" => BundledModels.SageMaker,
                "sagemaker-runtime" => BundledModels.SageMakerRuntime,
                "application-autoscaling" => BundledModels.ApplicationAutoScaling,
                var other => null,
            };
            if (model is null)
            {
                error.WriteLine($"workbench sagemaker validate: unknown service '{result.GetValue(service)}'; use sagemaker, sagemaker-runtime or application-autoscaling.");
                return 2;
            }

            var name = result.GetValue(operation)!;
            if (!model.Operations.ContainsKey(name))
            {
                error.WriteLine($"workbench sagemaker validate: {model.Metadata.ServiceId} has no operation '{name}'.");
                return 2;
            }

            if (ReadJson(result.GetValue(request)!, error) is not { } json)
            {
                return 2;
            }

            var problems = new ShapeValidator(model).ValidateInput(name, json);
            foreach (var problem in problems)
            {
                error.WriteLine(problem.Message);
            }

            result.InvocationConfiguration.Output.WriteLine(problems.Count == 0
                ? $"{name} request is valid for {model.Metadata.ServiceId} {model.Metadata.ApiVersion}."
                : $"{name} request has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}.");
            return problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command IamPolicy()
    {
        var iam = new Command("iam-policy", "Least-privilege IAM policy documents instead of AmazonSageMakerFullAccess.");
        var job = new Option<FileInfo>("--training-job") { Description = "A CreateTrainingJob request (JSON): the policy covers its channels, output, checkpoints, image and logs.", Required = true };
        var execution = new Command("execution-role", "The execution role's permissions for one training job.") { job };
        execution.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            if (ReadJson(result.GetValue(job)!, error) is not { } json)
            {
                return 2;
            }

            try
            {
                var request = json.Deserialize<CreateTrainingJobRequest>(AwsJson.Options)
                    ?? throw new JsonException("the file holds no request");
                result.InvocationConfiguration.Output.WriteLine(LeastPrivilegePolicies.ExecutionRole(ExecutionRoleScope.ForTrainingJob(request)).ToJson());
                return 0;
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
            {
                error.WriteLine($"workbench sagemaker iam-policy execution-role: {result.GetValue(job)!.FullName}: {e.Message}");
                return 2;
            }
        });
        var region = new Option<string>("--region") { Description = "The endpoint's region.", Required = true };
        var account = new Option<string>("--account") { Description = "The 12-digit account id.", Required = true };
        var endpoint = new Option<string>("--endpoint") { Description = "The endpoint name.", Required = true };
        var invoker = new Command("invoker", "Permission to invoke one endpoint and nothing else.") { region, account, endpoint };
        invoker.SetAction(result =>
        {
            try
            {
                var arn = AwsArns.Endpoint(result.GetValue(region)!, result.GetValue(account)!, result.GetValue(endpoint)!);
                result.InvocationConfiguration.Output.WriteLine(LeastPrivilegePolicies.Invoker(arn).ToJson());
                return 0;
            }
            catch (FormatException e)
            {
                result.InvocationConfiguration.Error.WriteLine($"workbench sagemaker iam-policy invoker: {e.Message}");
                return 2;
            }
        });
        iam.Subcommands.Add(execution);
        iam.Subcommands.Add(invoker);
        return iam;
    }

    private static Command SimulateScaling()
    {
        var traffic = new Option<FileInfo?>("--traffic") { Description = "Requests per minute, one number per line (a 'requests' header is allowed)." };
        var baseline = new Option<double>("--baseline") { Description = "Without --traffic: steady requests per minute.", DefaultValueFactory = _ => 80 };
        var factor = new Option<double>("--spike-factor") { Description = "Without --traffic: the spike, as a multiple of the baseline.", DefaultValueFactory = _ => 5 };
        var spikeStart = new Option<int>("--spike-start") { Description = "Minute the spike starts.", DefaultValueFactory = _ => 10 };
        var spikeMinutes = new Option<int>("--spike-minutes") { Description = "How long the spike lasts.", DefaultValueFactory = _ => 30 };
        var minutes = new Option<int>("--minutes") { Description = "Minutes to simulate.", DefaultValueFactory = _ => 90 };
        var min = new Option<int>("--min") { Description = "Minimum instances.", DefaultValueFactory = _ => 1 };
        var max = new Option<int>("--max") { Description = "Maximum instances.", DefaultValueFactory = _ => 5 };
        var target = new Option<double>("--target") { Description = "Target invocations per instance per minute.", DefaultValueFactory = _ => 100 };
        var scaleOut = new Option<int>("--scale-out-cooldown") { Description = "Seconds.", DefaultValueFactory = _ => 30 };
        var scaleIn = new Option<int>("--scale-in-cooldown") { Description = "Seconds.", DefaultValueFactory = _ => 30 };
        var startup = new Option<double>("--startup-minutes") { Description = "Minutes a new instance needs before it serves.", DefaultValueFactory = _ => 5 };
        var command = new Command("simulate-scaling", "Replay traffic through a target-tracking policy on SageMakerVariantInvocationsPerInstance and show the instance count over time.")
        {
            traffic, baseline, factor, spikeStart, spikeMinutes, minutes, min, max, target, scaleOut, scaleIn, startup,
        };
        command.SetAction(result =>
        {
            try
            {
                var series = result.GetValue(traffic) is { } file
                    ? ReadTraffic(file)
                    : TrafficSeries.Spike(result.GetValue(baseline), result.GetValue(factor), result.GetValue(spikeStart), result.GetValue(spikeMinutes), result.GetValue(minutes));
                var policy = new TargetTrackingPolicy
                {
                    MinInstances = result.GetValue(min),
                    MaxInstances = result.GetValue(max),
                    TargetInvocationsPerInstance = result.GetValue(target),
                    ScaleOutCooldown = TimeSpan.FromSeconds(result.GetValue(scaleOut)),
                    ScaleInCooldown = TimeSpan.FromSeconds(result.GetValue(scaleIn)),
                };
                var simulation = TargetTrackingSimulator.Run(policy, series, new ScalingSimulationSettings { InstanceStartup = TimeSpan.FromMinutes(result.GetValue(startup)) });
                Write(CostsCommands.Output(result), simulation);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException)
            {
                result.InvocationConfiguration.Error.WriteLine($"workbench sagemaker simulate-scaling: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static TrafficSeries ReadTraffic(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{file.FullName} does not exist.");
        }

        var values = new List<double>();
        var lines = File.ReadAllLines(file.FullName);
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Split(',')[^1].Trim();
            if (text.Length == 0 || (i == 0 && !char.IsDigit(text[0])))
            {
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"{file.FullName}, line {i + 1}: '{text}' is not a number of requests.");
            }

            values.Add(value);
        }

        return new TrafficSeries(values);
    }

    private static void Write(IAnsiConsole console, ScalingSimulation simulation)
    {
        var activities = new Table { Title = new TableTitle("Scaling activities") };
        activities.AddColumns("minute", "from", "to", "why");
        foreach (var activity in simulation.Activities)
        {
            activities.AddRow(activity.Minute.ToString(CultureInfo.InvariantCulture), activity.FromInstances.ToString(CultureInfo.InvariantCulture), activity.ToInstances.ToString(CultureInfo.InvariantCulture), Markup.Escape(activity.Reason));
        }

        console.Write(activities);
        var chart = new BarChart { Label = "Instances in service, every 5 minutes", Width = 70, MaxValue = simulation.Policy.MaxInstances };
        foreach (var step in simulation.Steps.Where(s => s.Minute % 5 == 0))
        {
            chart.AddItem($"min {step.Minute,3}", step.InServiceInstances, Color.Green);
        }

        console.Write(chart);
        console.MarkupLine(Markup.Escape(FormattableString.Invariant(
            $"peak {simulation.PeakInstances} instances, {simulation.InstanceHours:0.##} instance-hours, {simulation.MinutesAboveTarget} minutes above target")));
    }

    private static JsonObject? ReadJson(FileInfo file, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"{file.FullName} does not exist.");
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(file.FullName)) as JsonObject ?? throw new JsonException("the top level is not an object");
        }
        catch (JsonException e)
        {
            error.WriteLine($"{file.FullName} is not a JSON request: {e.Message}");
            return null;
        }
    }
}
