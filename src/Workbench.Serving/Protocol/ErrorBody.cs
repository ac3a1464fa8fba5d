using System.Buffers;
using System.Text.Json;

namespace Workbench.Serving.Protocol;

/// <summary>
/// The JSON answer to a refused request:
/// <c>{"error": "invalid_data", "message": "…", "problems": [{"row": 3, "line": 4, "column": "age", "value": "abc", "kind": "wrong_type", "reason": "…"}], "problem_count": 1}</c>.
/// </summary>
public static class ErrorBody
{
    public const string ContentType = "application/json";

    public static byte[] Render(ServingException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonText.Options))
        {
            json.WriteStartObject();
            json.WriteString("error", error.Code);
            json.WriteString("message", error.Message);
            if (error.Problems.Count > 0)
            {
                json.WriteStartArray("problems");
                foreach (var problem in error.Problems)
                {
                    json.WriteStartObject();
                    if (problem.Row is { } row)
                    {
                        json.WriteNumber("row", row);
                    }

                    if (problem.Line is { } line)
                    {
                        json.WriteNumber("line", line);
                    }

                    if (problem.Column is not null)
                    {
                        json.WriteString("column", problem.Column);
                    }

                    if (problem.Value is not null)
                    {
                        json.WriteString("value", problem.Value);
                    }

                    json.WriteString("kind", problem.Kind);
                    json.WriteString("reason", problem.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("problem_count", error.TotalProblems);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
