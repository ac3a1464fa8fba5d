using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Benchmarks.Serving;

/// <summary>
/// Where a request's server time goes outside HTTP: <c>Workbench.Benchmarks serving-path MODEL BODY.csv [SECONDS]</c>
/// loads the model as <c>workbench serve</c> does and runs each stage of <c>POST /invocations</c> on one thread, over
/// and over: parse (CSV into a frame), validate (the schema's checks), transform (the feature pipeline), predict (the
/// model) and write (the JSON answer), then the short numeric ways, and the same rows sent as JSON
/// (<c>{"instances": [...]}</c>, and <c>{"dataframe_records": [...]}</c> of objects) three ways: the general reader's
/// <c>JsonDocument</c>, the hand scan into a frame every model takes, and the numeric short way. Prints microseconds per request for each stage and for all five in one go.
/// The whole path first runs for 5 s unmeasured and each stage for 3 s, so the figures are for tier-1 code.
/// </summary>
public static class ServingPathCommand
{
    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 3)
        {
            Console.Error.WriteLine("usage: Workbench.Benchmarks serving-path MODEL BODY.csv [SECONDS]");
            return 2;
        }

        var seconds = args.Length == 3 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        using var bundle = ModelBundle.Load(args[0]);
        var body = File.ReadAllBytes(args[1]);
        var frame = RequestReader.Read(bundle, body, DataFormat.Csv);
        var pipeline = bundle.Pipeline;
        var features = pipeline?.Transform(frame);
        var predictions = features is null ? bundle.Predictor.Predict(frame) : bundle.Predictor.Predict(features);
        var output = new ArrayBufferWriter<byte>(64 * 1024);

        // The same rows as MLflow and SageMaker clients send JSON: {"instances": [[...], ...]}, the CSV lines as lists.
        var lines = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var json = System.Text.Encoding.UTF8.GetBytes("{\"instances\": [" + string.Join(", ", lines.Select(l => "[" + l + "]")) + "]}");
        // And as pandas' to_dict("records") gives them: {"dataframe_records": [{"name": value, ...}, ...]}.
        var names = bundle.Layout.Columns.Select(c => c.Name).ToArray();
        var records = System.Text.Encoding.UTF8.GetBytes("{\"dataframe_records\": [" + string.Join(", ", lines.Select(l =>
            "{" + string.Join(", ", l.Split(',').Select((value, c) => $"\"{names[c]}\": {value}")) + "}")) + "]}");
        Console.WriteLine($"{bundle}; body {body.Length:N0} bytes, {frame.RowCount} rows; {seconds} s per stage after warm-up");
        // A fresh process runs tier-0 code for a while; the whole path runs first so every stage is measured at tier 1.
        Measure(5, () => bundle.Predict(RequestReader.Read(bundle, body, DataFormat.Csv)));
        Measure(5, () => bundle.Predict(RequestReader.ReadRows(bundle, body, DataFormat.Csv)));
        foreach (var text in new[] { json, records })
        {
            Measure(3, () => RequestReader.Read(bundle, text, DataFormat.Json, header: false, scanJsonByHand: false));
            Measure(3, () => RequestReader.Read(bundle, text, DataFormat.Json));
            Measure(3, () => RequestReader.ReadRows(bundle, text, DataFormat.Json));
        }
        Console.WriteLine("| stage | us per request | KB allocated per request |");
        Console.WriteLine("| --- | ---: | ---: |");
        Report("parse", seconds, () =>
        {
            var builder = new FrameBuilder(bundle.Layout, frame.RowCount);
            CsvRequestParser.Parse(body, builder, header: false);
            return builder.Build();
        });
        Report("parse + validate", seconds, () => RequestReader.Read(bundle, body, DataFormat.Csv));
        Report("validate", seconds, () => bundle.Validate(frame));
        if (pipeline is not null)
        {
            Report("transform", seconds, () => pipeline.Transform(frame));
            Report("predict", seconds, () => bundle.Predictor.Predict(features!));
        }
        else
        {
            Report("predict", seconds, () => bundle.Predictor.Predict(frame));
        }

        if (bundle.NumericInput is not null)
        {
            Report("numeric CSV: parse + validate + transform", seconds, () => RequestReader.ReadRows(bundle, body, DataFormat.Csv));
        }

        foreach (var (form, text) in new[] { ("JSON instances", json), ("JSON dataframe_records", records) })
        {
            Report($"{form}: parse + validate, JsonDocument (the general reader)", seconds, () => RequestReader.Read(bundle, text, DataFormat.Json, header: false, scanJsonByHand: false));
            Report($"{form}: parse + validate, scanned into a frame (any model)", seconds, () => RequestReader.Read(bundle, text, DataFormat.Json));
            if (bundle.NumericInput is not null)
            {
                Report($"{form}: parse + validate + transform, the numeric short way", seconds, () => RequestReader.ReadRows(bundle, text, DataFormat.Json));
            }
        }

        Report("write JSON", seconds, () =>
        {
            output.ResetWrittenCount();
            PredictionWriter.Write(output, predictions.All(), DataFormat.Json, probabilities: false);
            return output;
        });
        if (predictions.Probabilities is not null)
        {
            Report("write JSON with probabilities", seconds, () =>
            {
                output.ResetWrittenCount();
                PredictionWriter.Write(output, predictions.All(), DataFormat.Json, probabilities: true);
                return output;
            });
        }

        Report("all stages, general way", seconds, () =>
        {
            var read = RequestReader.Read(bundle, body, DataFormat.Csv);
            output.ResetWrittenCount();
            PredictionWriter.Write(output, bundle.Predict(read).All(), DataFormat.Json, probabilities: false);
            return output;
        });
        Report("all stages, as the server runs them", seconds, () =>
        {
            var read = RequestReader.ReadRows(bundle, body, DataFormat.Csv);
            output.ResetWrittenCount();
            PredictionWriter.Write(output, bundle.Predict(read).All(), DataFormat.Json, probabilities: false);
            return output;
        });
        return 0;
    }

    internal static void Report(string stage, double seconds, Func<object> work)
    {
        // New methods wait for tier 1 until no tier-0 code has been compiled for a while (a second on one core).
        Measure(3, work);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var (calls, elapsed) = Measure(seconds, work);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {elapsed.TotalMicroseconds / calls:F1} | {allocated / 1024.0 / calls:F1} |"));
    }

    internal static (long Calls, TimeSpan Elapsed) Measure(double seconds, Func<object> work)
    {
        var watch = Stopwatch.StartNew();
        var calls = 0L;
        var sink = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 64; i++)
            {
                sink += work().GetHashCode() & 1;
            }

            calls += 64;
        }

        GC.KeepAlive(sink);
        return (calls, watch.Elapsed);
    }
}
