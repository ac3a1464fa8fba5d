using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.SageMaker.Aws;

namespace Workbench.SageMaker.Waiters;

/// <summary>Overrides for one wait: tests and notebooks poll faster than the service's defaults.</summary>
public sealed record WaiterOptions
{
    public TimeSpan? Delay { get; init; }

    public int? MaxAttempts { get; init; }

    /// <summary>Called after every poll with the attempt number and the response (null when the poll failed).</summary>
    public Action<int, JsonNode?>? OnPoll { get; init; }
}

/// <summary>
/// Runs a botocore waiter: polls, evaluates the acceptors in order (first match wins), sleeps the waiter's delay
/// between attempts, and stops on success, failure or the attempt limit. Works on any backend, because it only
/// needs a poll that returns the operation's output as JSON or throws <see cref="AwsServiceException"/>.
/// </summary>
public static class WaiterRunner
{
    public static async Task<JsonNode?> WaitAsync(
        WaiterDefinition waiter,
        string resource,
        Func<CancellationToken, Task<JsonNode?>> poll,
        WaiterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(waiter);
        ArgumentNullException.ThrowIfNull(poll);
        var delay = options?.Delay ?? waiter.Delay;
        var maxAttempts = options?.MaxAttempts ?? waiter.MaxAttempts;
        var stopwatch = Stopwatch.StartNew();
        string? lastState = null;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            JsonNode? output = null;
            AwsServiceException? error = null;
            try
            {
                output = await poll(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                error = e;
            }

            options?.OnPoll?.Invoke(attempt, output);
            var matched = waiter.Acceptors.FirstOrDefault(a => Matches(a, output, error));
            lastState = Describe(matched, output, error) ?? lastState;
            switch (matched?.State)
            {
                case "success":
                    return output;
                case "failure":
                    throw new WaiterFailedException(waiter.Name, resource, Describe(matched, output, error)!, FailureReason(output, error), attempt);
                case null when error is not null:
                    throw error;
            }

            if (attempt < maxAttempts)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new WaiterTimeoutException(waiter.Name, resource, maxAttempts, stopwatch.Elapsed, lastState);
    }

    private static bool Matches(WaiterAcceptor acceptor, JsonNode? output, AwsServiceException? error)
    {
        switch (acceptor.Matcher)
        {
            case "error":
                return acceptor.Expected?.GetValueKind() switch
                {
                    JsonValueKind.True => error is not null,
                    JsonValueKind.False => error is null,
                    _ => error is not null && error.ErrorCode == acceptor.Expected?.GetValue<string>(),
                };
            case "status":
                var status = error is null ? 200 : (int)error.StatusCode;
                return acceptor.Expected is not null && status == acceptor.Expected.GetValue<int>();
        }

        if (error is not null || acceptor.Argument is null)
        {
            return false;
        }

        var result = acceptor.Argument.Evaluate(output);
        return acceptor.Matcher switch
        {
            "path" => JmesPath.JsonEquals(result, acceptor.Expected),
            "pathAll" => result is JsonArray { Count: > 0 } all && all.All(item => JmesPath.JsonEquals(item, acceptor.Expected)),
            "pathAny" => result is JsonArray any && any.Any(item => JmesPath.JsonEquals(item, acceptor.Expected)),
            _ => false,
        };
    }

    private static string? Describe(WaiterAcceptor? acceptor, JsonNode? output, AwsServiceException? error) => acceptor switch
    {
        null => null,
        { Matcher: "error" } => error is null ? "no error" : $"error {error.ErrorCode}: {error.ErrorMessage}",
        { Matcher: "status" } => $"HTTP status {acceptor.Expected}",
        _ => $"{acceptor.Argument} is {acceptor.Argument?.Evaluate(output)?.ToJsonString() ?? "null"}",
    };

    private static string? FailureReason(JsonNode? output, AwsServiceException? error) =>
        error?.ErrorMessage ?? (output?["FailureReason"] is { } reason && reason.GetValueKind() == JsonValueKind.String ? reason.GetValue<string>() : null);
}
