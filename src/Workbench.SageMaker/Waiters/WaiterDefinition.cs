using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.SageMaker.Waiters;

/// <summary>One acceptor of a botocore waiter: when its matcher matches, the waiter enters its state.</summary>
/// <param name="State"><c>success</c>, <c>failure</c> or <c>retry</c>.</param>
/// <param name="Matcher"><c>path</c>, <c>pathAll</c>, <c>pathAny</c>, <c>status</c> or <c>error</c>.</param>
/// <param name="Argument">The JMESPath expression for the path matchers.</param>
/// <param name="Expected">The value to compare with: a JSON value, an HTTP status, an error code, or true / false for "any error" / "no error".</param>
public sealed record WaiterAcceptor(string State, string Matcher, JmesPath? Argument, JsonNode? Expected);

/// <summary>A waiter from <c>waiters-2.json</c>: which operation it polls, how often, how many times, and its acceptors.</summary>
public sealed record WaiterDefinition(string Name, string Operation, TimeSpan Delay, int MaxAttempts, IReadOnlyList<WaiterAcceptor> Acceptors)
{
    /// <summary>Reads every waiter of a botocore <c>waiters-2.json</c>.</summary>
    public static IReadOnlyDictionary<string, WaiterDefinition> LoadAll(Stream json, string source)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source} is not a JSON object.");
        if (root["version"]?.GetValue<int>() != 2 || root["waiters"] is not JsonObject waiters)
        {
            throw new InvalidDataException($"{source} is not a version 2 botocore waiters file.");
        }

        var result = new Dictionary<string, WaiterDefinition>(StringComparer.Ordinal);
        foreach (var (name, body) in waiters)
        {
            var definition = body!.AsObject();
            var acceptors = definition["acceptors"]!.AsArray().Select(a => ReadAcceptor(name, a!.AsObject())).ToArray();
            result[name] = new WaiterDefinition(
                name,
                definition["operation"]!.GetValue<string>(),
                TimeSpan.FromSeconds(definition["delay"]!.GetValue<double>()),
                definition["maxAttempts"]!.GetValue<int>(),
                acceptors);
        }

        return result;
    }

    private static WaiterAcceptor ReadAcceptor(string waiter, JsonObject acceptor)
    {
        var matcher = acceptor["matcher"]!.GetValue<string>();
        if (matcher is not ("path" or "pathAll" or "pathAny" or "status" or "error"))
        {
            throw new InvalidDataException($"Waiter {waiter} uses the matcher '{matcher}', which botocore does not define.");
        }

        var state = acceptor["state"]!.GetValue<string>();
        if (state is not ("success" or "failure" or "retry"))
        {
            throw new InvalidDataException($"Waiter {waiter} has an acceptor with state '{state}'.");
        }

        var argument = acceptor["argument"] is { } expression && expression.GetValueKind() == JsonValueKind.String
            ? JmesPath.Compile(expression.GetValue<string>())
            : null;
        return new WaiterAcceptor(state, matcher, argument, acceptor["expected"]?.DeepClone());
    }
}
