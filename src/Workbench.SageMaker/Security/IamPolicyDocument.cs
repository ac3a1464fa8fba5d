using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.SageMaker.Security;

/// <summary>One statement of an IAM policy.</summary>
/// <param name="Sid">A readable id, e.g. <c>ReadTrainingData</c>.</param>
/// <param name="Effect"><c>Allow</c> or <c>Deny</c>.</param>
/// <param name="Actions">e.g. <c>s3:GetObject</c>.</param>
/// <param name="Resources">ARNs; <c>*</c> only where the action supports no resource (e.g. <c>ecr:GetAuthorizationToken</c>).</param>
/// <param name="Conditions">Operator to key to values, e.g. <c>StringLike</c> → <c>s3:prefix</c> → <c>data/*</c>.</param>
/// <param name="Principal">For trust policies: e.g. <c>Service</c> → <c>sagemaker.amazonaws.com</c>.</param>
public sealed record IamStatement(
    string Sid,
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string>? Resources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? Conditions = null,
    IReadOnlyDictionary<string, string>? Principal = null);

/// <summary>An IAM policy document (version 2012-10-17), written as the JSON IAM accepts.</summary>
public sealed record IamPolicyDocument(IReadOnlyList<IamStatement> Statements)
{
    public const string Version = "2012-10-17";

    /// <summary>Every action any statement allows.</summary>
    public IEnumerable<string> AllowedActions =>
        Statements.Where(s => s.Effect == "Allow").SelectMany(s => s.Actions).Distinct(StringComparer.Ordinal);

    public JsonObject ToJsonObject()
    {
        var statements = new JsonArray();
        foreach (var statement in Statements)
        {
            var json = new JsonObject { ["Sid"] = statement.Sid, ["Effect"] = statement.Effect };
            if (statement.Principal is { } principal)
            {
                json["Principal"] = new JsonObject(principal.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
            }

            json["Action"] = OneOrMany(statement.Actions);
            if (statement.Resources is { } resources)
            {
                json["Resource"] = OneOrMany(resources);
            }

            if (statement.Conditions is { Count: > 0 } conditions)
            {
                var condition = new JsonObject();
                foreach (var (op, keys) in conditions)
                {
                    condition[op] = new JsonObject(keys.Select(k => KeyValuePair.Create(k.Key, OneOrMany(k.Value))));
                }

                json["Condition"] = condition;
            }

            statements.Add(json);
        }

        return new JsonObject { ["Version"] = Version, ["Statement"] = statements };
    }

    public string ToJson() => ToJsonObject().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public override string ToString() => ToJson();

    private static JsonNode? OneOrMany(IReadOnlyList<string> values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
