using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workbench.Testing;

/// <summary>Lines in SageMaker's data-capture and Model Monitor's ground-truth formats, for tests that write capture folders.</summary>
public static class SageMakerCapture
{
    /// <summary>One capture record: a CSV request and a CSV response.</summary>
    public static string Record(string eventId, DateTime inferenceTime, string csvInput, string csvOutput) => JsonSerializer.Serialize(new
    {
        captureData = new
        {
            endpointInput = new { observedContentType = "text/csv", mode = "INPUT", data = csvInput, encoding = "CSV" },
            endpointOutput = new { observedContentType = "text/csv", mode = "OUTPUT", data = csvOutput, encoding = "CSV" },
        },
        eventMetadata = new { eventId, inferenceTime = inferenceTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
        eventVersion = "0",
    });

    /// <summary>One ground-truth record, base64 encoded as Model Monitor's merge job accepts.</summary>
    public static string GroundTruth(string eventId, string label) => JsonSerializer.Serialize(new
    {
        groundTruthData = new { data = Convert.ToBase64String(Encoding.UTF8.GetBytes(label)), encoding = "BASE64" },
        eventMetadata = new { eventId },
        eventVersion = "0",
    });
}
