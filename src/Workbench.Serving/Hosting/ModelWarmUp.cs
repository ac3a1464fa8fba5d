using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Data;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Hosting;

/// <summary>
/// Runs a model's request path (CSV parse, schema check, feature pipeline, model, JSON answer) on synthetic rows for a
/// while before the endpoint reports ready. A fresh .NET process runs unoptimised code until each method has been
/// called often enough and recompiled in the background (measured here: about 20 s under load before a 100-row request
/// costs what it costs later, at five times the CPU until then); SageMaker routes traffic as soon as <c>/ping</c>
/// answers 200, so without this the first seconds of a new instance would serve at a fraction of its speed.
/// The rows are built from the request layout and the schema (range midpoints, the first known category), nothing is
/// captured, logged or counted in the metrics, and a model the rows do not suit is simply not warmed.
/// </summary>
internal static class ModelWarmUp
{
    /// <summary>What a warm-up did: requests answered, the time taken, and why it stopped early (null when it ran its time).</summary>
    public readonly record struct Outcome(int Requests, TimeSpan Elapsed, string? Skipped);

    public static Outcome Run(ModelBundle bundle, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var row = SyntheticRow(bundle);
        // Short and long bodies, so the per-row loops are warmed as well as the per-request code.
        byte[][] bodies = [Body(row, 1), Body(row, 64)];
        var output = new ArrayBufferWriter<byte>(4096);
        var requests = 0;
        try
        {
            while (clock.Elapsed < duration)
            {
                var read = RequestReader.ReadRows(bundle, bodies[requests % 2], DataFormat.Csv);
                output.ResetWrittenCount();
                PredictionWriter.Write(output, bundle.Predict(read).All(), DataFormat.Json, probabilities: false);
                requests++;
            }
        }
        catch (Exception e) when (e is ServingException or ArgumentException or InvalidOperationException)
        {
            return new Outcome(requests, clock.Elapsed, e.Message);
        }

        return new Outcome(requests, clock.Elapsed, null);
    }

    private static string SyntheticRow(ModelBundle bundle) => string.Join(",", bundle.Layout.Columns.Select(column =>
    {
        var schema = bundle.Schema.Contains(column.Name) ? bundle.Schema.Column(column.Name) : null;
        var text = column.Type switch
        {
            ColumnType.Double => Midpoint(schema).ToString("R", CultureInfo.InvariantCulture),
            ColumnType.Int64 => Math.Round(Midpoint(schema)).ToString(CultureInfo.InvariantCulture),
            ColumnType.Boolean => "true",
            ColumnType.DateTime => "2024-01-01T00:00:00",
            _ => schema?.Categories?.FirstOrDefault() ?? "a",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }));

    private static double Midpoint(Workbench.Features.Validation.ColumnSchema? schema) =>
        schema is { Min: { } min, Max: { } max } ? min + ((max - min) / 2) : schema?.Min ?? schema?.Max ?? 0;

    private static byte[] Body(string row, int rows) => Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Repeat(row, rows)));
}
