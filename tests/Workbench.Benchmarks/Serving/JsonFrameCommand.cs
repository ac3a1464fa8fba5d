using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Estimators;
using Workbench.Learning.Experiments;
using Workbench.Registry;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;
using Workbench.Tracking;

namespace Workbench.Benchmarks.Serving;

/// <summary>
/// What reading a request costs a model with categorical columns, which the numeric short ways never take:
/// <c>Workbench.Benchmarks json-frame PATIENTS.csv [ROWS] [SECONDS]</c> trains the serving tests' patients model
/// (age, sex, bmi, smoker, systolic_bp, admission_type, num_prior_admissions; median imputer and scaler for numbers,
/// most-frequent imputer and one-hot encoder for categories; logistic regression on readmitted_30d), loads it as
/// <c>workbench serve</c> does, and times <c>RequestReader.Read</c> (parse and schema checks into a frame) on the first
/// ROWS rows (100) as CSV, as JSON <c>instances</c> and as <c>dataframe_records</c>: the JSON both through the hand
/// scan (<see cref="JsonFrameReader"/>) and through <c>JsonDocument</c> alone.
/// </summary>
public static class JsonFrameCommand
{
    private static readonly string[] Columns = ["age", "sex", "bmi", "smoker", "systolic_bp", "admission_type", "num_prior_admissions"];
    private const string Label = "readmitted_30d";

    public static int Run(string[] args)
    {
        if (args.Length is < 1 or > 3)
        {
            Console.Error.WriteLine("usage: Workbench.Benchmarks json-frame PATIENTS.csv [ROWS] [SECONDS]");
            return 2;
        }

        var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
        var seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var patients = Frame.ReadCsv(args[0]).Select([.. Columns, Label]);
        var scratch = Directory.CreateTempSubdirectory("wb-json-frame");
        try
        {
            using var bundle = ModelBundle.Load(Train(patients, scratch.FullName));
            var sample = patients.Head(rows);
            string Value(string column, int row) => sample[column].Format(row) is not { } text ? "null" : sample[column].IsNumeric ? text : JsonSerializer.Serialize(text);
            var csv = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, rows).Select(r => string.Join(",", Columns.Select(c => sample[c].Format(r) ?? string.Empty)) + "\n")));
            var instances = Encoding.UTF8.GetBytes("{\"instances\": [" + string.Join(", ", Enumerable.Range(0, rows).Select(r => "[" + string.Join(", ", Columns.Select(c => Value(c, r))) + "]")) + "]}");
            var records = Encoding.UTF8.GetBytes("{\"dataframe_records\": [" + string.Join(", ", Enumerable.Range(0, rows).Select(r => "{" + string.Join(", ", Columns.Select(c => $"\"{c}\": {Value(c, r)}")) + "}")) + "]}");

            Console.WriteLine($"{bundle}; {rows} rows; {seconds} s per stage after warm-up");
            foreach (var body in new[] { instances, records })
            {
                ServingPathCommand.Measure(3, () => RequestReader.Read(bundle, body, DataFormat.Json));
                ServingPathCommand.Measure(3, () => RequestReader.Read(bundle, body, DataFormat.Json, header: false, scanJsonByHand: false));
            }

            Console.WriteLine("| body | us per request | KB allocated per request |");
            Console.WriteLine("| --- | ---: | ---: |");
            ServingPathCommand.Report($"CSV ({csv.Length:N0} bytes)", seconds, () => RequestReader.Read(bundle, csv, DataFormat.Csv));
            foreach (var (form, body) in new[] { ("JSON instances", instances), ("JSON dataframe_records", records) })
            {
                ServingPathCommand.Report($"{form} ({body.Length:N0} bytes), scanned by hand", seconds, () => RequestReader.Read(bundle, body, DataFormat.Json));
                ServingPathCommand.Report($"{form} ({body.Length:N0} bytes), JsonDocument", seconds, () => RequestReader.Read(bundle, body, DataFormat.Json, header: false, scanJsonByHand: false));
            }

            return 0;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    // The model registered and exported as workbench serve loads it; returns the archive's path.
    private static string Train(Frame patients, string folder)
    {
        var features = patients.Drop(Label);
        var labels = Enumerable.Range(0, patients.RowCount).Select(r => int.Parse(patients[Label].Format(r)!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var pipeline = new FeaturePipeline()
            .Add("numeric", ColumnSelector.Numeric(), new SimpleImputer(ImputeStrategy.Median), new StandardScaler())
            .Add("categorical", ColumnSelector.Categorical(), new SimpleImputer(ImputeStrategy.MostFrequent), new OneHotEncoder { HandleUnknown = UnknownCategoryPolicy.Ignore });
        var model = new LogisticRegression { MaxIterations = 500 }.Fit(pipeline.FitTransform(features).Dense!, labels);
        using var tracker = Tracker.Open(Path.Combine(folder, "home"));
        using var run = tracker.StartRun("json-frame", "patients");
        run.LogModel(model, pipeline, schema: DataSchema.Infer(features));
        run.End();
        var registry = new ModelRegistry(tracker);
        var version = registry.RegisterModel("patients", run.RunId);
        var archive = Path.Combine(folder, "model.tar.gz");
        registry.Export("patients", version.Version, archive);
        return archive;
    }
}
