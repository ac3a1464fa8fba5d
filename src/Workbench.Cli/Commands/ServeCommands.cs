using System.CommandLine;
using System.Globalization;
using Workbench.Serving.Capture;
using Workbench.Serving.Hosting;
using Workbench.Serving.Models;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench serve</c>: the inference server, locally (<c>--model models:/name@alias</c>, 127.0.0.1) and as the
/// SageMaker container entrypoint (no <c>--model</c>: the model is read from <c>$SAGEMAKER_ROOT/model</c>, default
/// <c>/opt/ml/model</c>; port <c>$SAGEMAKER_BIND_TO_PORT</c> or 8080; the image's entrypoint adds <c>--host 0.0.0.0</c>).
/// SIGTERM or Ctrl+C drain in-flight requests before the process exits.
/// </summary>
public static class ServeCommands
{
    /// <summary>The default name of a single variant, as SageMaker names it.</summary>
    public const string DefaultVariant = "AllTraffic";

    /// <summary>Environment variables naming the /opt/ml root (a temporary root in local mode and tests).</summary>
    public static readonly string[] RootVariables = ["SAGEMAKER_ROOT", "WORKBENCH_OPT_ML"];

    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "The model: models:/name/3, models:/name@alias, a model.tar.gz, or a model folder (default: $SAGEMAKER_ROOT/model, else /opt/ml/model)." };
        var variants = new Option<string[]>("--variant") { Description = "A production variant NAME=MODEL (repeat for A/B or canary); weights with --weight.", AllowMultipleArgumentsPerToken = false };
        var weights = new Option<string[]>("--weight") { Description = "A variant's traffic weight NAME=W (relative; default 1)." };
        var shadows = new Option<string[]>("--shadow") { Description = "A shadow variant NAME=MODEL: gets a copy of traffic; its answers are captured, never returned." };
        var port = new Option<int?>("--port", "-p") { Description = "The port (default: $SAGEMAKER_BIND_TO_PORT, else 8080; 0 picks a free one)." };
        var host = new Option<string>("--host") { Description = "The interface to bind (default 127.0.0.1; a container uses 0.0.0.0).", DefaultValueFactory = _ => "127.0.0.1" };
        var adminPort = new Option<int?>("--admin-port") { Description = "A separate port for GET/POST /admin/weights (weights changed at run time)." };
        var name = new Option<string>("--endpoint-name") { Description = "The endpoint's name in capture folders and logs.", DefaultValueFactory = _ => "local" };
        var capture = new Option<string?>("--capture") { Description = "Write data capture (SageMaker format) under this folder." };
        var capturePercent = new Option<double>("--capture-percent") { Description = "The share of requests captured, 0-100.", DefaultValueFactory = _ => 100 };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "Require the API key held in this environment variable (X-Api-Key or Authorization: Bearer). Default: WORKBENCH_API_KEY when set." };
        var maxPayload = new Option<double>("--max-payload-mb") { Description = "The request size limit in MiB.", DefaultValueFactory = _ => 6 };
        var log = new Option<bool>("--log-requests") { Description = "Write one JSON line per request to standard error (no payloads, no keys)." };
        var shutdown = new Option<double>("--shutdown-timeout") { Description = "Seconds in-flight requests get to finish on SIGTERM.", DefaultValueFactory = _ => 30 };
        var warmUp = new Option<double>("--warm-up") { Description = "Seconds each model answers synthetic requests before /ping turns 200, so traffic meets optimised code (0: none).", DefaultValueFactory = _ => 0 };
        var home = StoreCommandSupport.HomeOption();

        var command = new Command("serve", "Serve a model over HTTP with SageMaker's inference-container contract (/ping, /invocations, /execution-parameters, /metrics).");
        foreach (var option in new Option[] { model, variants, weights, shadows, port, host, adminPort, name, capture, capturePercent, apiKeyEnv, maxPayload, log, shutdown, warmUp, home })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            EndpointOptions options;
            try
            {
                options = new EndpointOptions
                {
                    Name = result.GetValue(name)!,
                    Variants = Variants(result.GetValue(model), result.GetValue(variants) ?? [], result.GetValue(weights) ?? [], result.GetValue(shadows) ?? []),
                    Host = result.GetValue(host)!,
                    Port = result.GetValue(port) ?? DefaultPort(),
                    AdminPort = result.GetValue(adminPort),
                    Capture = result.GetValue(capture) is { } folder ? new DataCaptureOptions(folder) { SamplingPercentage = result.GetValue(capturePercent) } : null,
                    ApiKey = ApiKey(result.GetValue(apiKeyEnv)),
                    MaxPayloadBytes = (long)(result.GetValue(maxPayload) * 1024 * 1024),
                    RequestLog = result.GetValue(log) ? error : null,
                    ShutdownTimeout = TimeSpan.FromSeconds(result.GetValue(shutdown)),
                    WarmUp = TimeSpan.FromSeconds(Math.Max(0, result.GetValue(warmUp))),
                    LoadOptions = new ModelLoadOptions { WorkbenchHome = result.GetValue(home) },
                    WaitForModels = false,
                };
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }

            InferenceEndpoint endpoint;
            try
            {
                endpoint = await InferenceEndpoint.StartAsync(options, handleSignals: true, cancellation);
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
            {
                error.WriteLine($"error: cannot start the endpoint: {e.Message}");
                return 1;
            }

            output.WriteLine($"Listening on {endpoint.Address} ({options.Host}); loading {string.Join(", ", options.Variants.Select(v => $"{v.Name}={v.Model}"))}"
                + (options.WarmUp > TimeSpan.Zero ? $", then warming up for {options.WarmUp.TotalSeconds:0.#} s" : string.Empty));
            try
            {
                await endpoint.Ready;
            }
            catch (Exception e)
            {
                error.WriteLine($"error: the model could not be loaded: {e.Message}");
                await endpoint.DisposeAsync();
                return 1;
            }

            foreach (var line in endpoint.WarmUpReport)
            {
                output.WriteLine($"Warm-up: {line}");
            }

            output.WriteLine($"Ready: {string.Join("; ", endpoint.Variants.Select(v => $"{v.Name}: {v.Bundle}"))}");
            if (endpoint.AdminAddress is { } admin)
            {
                output.WriteLine($"Admin routes on {admin}admin/weights");
            }

            output.Flush();
            using var registration = cancellation.Register(() => _ = endpoint.StopAsync());
            await endpoint.WaitForShutdownAsync();
            await endpoint.DisposeAsync();
            output.WriteLine("Stopped.");
            return 0;
        });
        return command;
    }

    /// <summary>The model folder of a SageMaker container: <c>$SAGEMAKER_ROOT/model</c> (or <c>$WORKBENCH_OPT_ML/model</c>), else <c>/opt/ml/model</c>.</summary>
    public static string ContainerModelFolder()
    {
        var root = RootVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "/opt/ml";
        return Path.Combine(root, "model");
    }

    private static int DefaultPort()
    {
        var text = Environment.GetEnvironmentVariable("SAGEMAKER_BIND_TO_PORT");
        if (string.IsNullOrWhiteSpace(text))
        {
            return 8080;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"SAGEMAKER_BIND_TO_PORT is '{text}', not a port number.");
    }

    private static string? ApiKey(string? variable)
    {
        var name = variable ?? "WORKBENCH_API_KEY";
        var value = Environment.GetEnvironmentVariable(name);
        if (variable is not null && string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"--api-key-env names {variable}, which is not set.");
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    internal static List<VariantOptions> Variants(string? model, string[] variants, string[] weights, string[] shadows)
    {
        var list = new List<VariantOptions>();
        foreach (var text in variants)
        {
            var (name, reference) = Pair(text, "--variant");
            list.Add(new VariantOptions(name, reference));
        }

        if (model is not null)
        {
            if (list.Count > 0)
            {
                throw new ArgumentException("Give either --model or --variant, not both.");
            }

            list.Add(new VariantOptions(DefaultVariant, model));
        }

        if (list.Count == 0)
        {
            list.Add(new VariantOptions(DefaultVariant, ContainerModelFolder()));
        }

        foreach (var text in weights)
        {
            var (name, value) = Pair(text, "--weight");
            var index = list.FindIndex(v => v.Name == name);
            if (index < 0)
            {
                throw new ArgumentException($"--weight names '{name}', which no --variant defines.");
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0 || !double.IsFinite(weight))
            {
                throw new ArgumentException($"--weight {text}: the weight must be a number >= 0.");
            }

            list[index] = list[index] with { Weight = weight };
        }

        foreach (var text in shadows)
        {
            var (name, reference) = Pair(text, "--shadow");
            list.Add(new VariantOptions(name, reference, 0) { Shadow = true });
        }

        return list;
    }

    private static (string Name, string Value) Pair(string text, string option)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new ArgumentException($"{option} '{text}' must be NAME=VALUE.");
        }

        return (text[..equals].Trim(), text[(equals + 1)..].Trim());
    }
}
