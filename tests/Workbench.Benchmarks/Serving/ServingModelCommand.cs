using System.Globalization;
using System.Text;
using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Validation;
using Workbench.Learning.Estimators;
using Workbench.Learning.Experiments;
using Workbench.Registry;
using Workbench.Tracking;

namespace Workbench.Benchmarks.Serving;

/// <summary>
/// The Workbench model of benchmarks/serving: breast-cancer features standardised by a <see cref="FeaturePipeline"/>,
/// then a <see cref="LogisticRegression"/> (the same model as the peers' scikit-learn
/// <c>Pipeline(StandardScaler, LogisticRegression)</c>), logged to a run with its pipeline and schema
/// (<c>run.LogModel(model, pipeline, schema: schema)</c>), registered, and exported as the <c>model.tar.gz</c> that
/// <c>workbench serve --model</c> loads.
/// <c>Workbench.Benchmarks serving-model CSV OUTDIR</c> writes OUTDIR/home (the Workbench home holding the registry),
/// OUTDIR/model.tar.gz, and OUTDIR/workbench_predictions.csv (label and P(malignant) for every row, in file order)
/// so the script can check the two models agree before any server starts.
/// </summary>
public static class ServingModelCommand
{
    public const string ModelName = "breast-cancer-bench";
    private const string Label = "diagnosis";

    public static int Run(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Workbench.Benchmarks serving-model CSV OUTDIR");
            return 2;
        }

        var output = Path.GetFullPath(args[1]);
        Directory.CreateDirectory(output);
        var frame = Frame.ReadCsv(args[0]);
        var features = frame.Drop(Label);
        var labelColumn = frame[Label];
        var labels = Enumerable.Range(0, frame.RowCount).Select(r => labelColumn.Format(r)
            ?? throw new InvalidDataException($"{args[0]}: row {r + 1} has no '{Label}'.")).ToArray();

        var pipeline = new FeaturePipeline { Output = MatrixOutput.Dense }
            .Add("scale", ColumnSelector.Names([.. features.ColumnNames]), new StandardScaler());
        var matrix = pipeline.FitTransform(features).Dense!;
        var model = new LogisticRegression().Fit(matrix, labels);
        var schema = DataSchema.Infer(features);

        var home = Path.Combine(output, "home");
        using (var tracker = Tracker.Open(home))
        {
            using var run = tracker.StartRun("serving-benchmark", "breast-cancer-logistic");
            run.LogParams(new { model = "LogisticRegression", C = model.C, max_iter = model.MaxIterations, scaler = "StandardScaler" });
            run.LogMetric("train_accuracy", model.Score(matrix, labels));
            run.LogModel(model, pipeline, schema: schema);
            run.End();

            var registry = new ModelRegistry(tracker);
            var version = registry.RegisterModel(ModelName, run.RunId, description: "benchmarks/serving: standardised breast-cancer logistic regression");
            registry.Export(ModelName, version.Version, Path.Combine(output, "model.tar.gz"));
            Console.WriteLine($"registered models:/{ModelName}/{version.Version} (run {run.RunId}); exported {Path.Combine(output, "model.tar.gz")}");
        }

        var probabilities = model.PredictProba(matrix);
        var malignant = model.Classes.ToList().IndexOf("malignant");
        var predicted = model.Predict(matrix);
        var csv = new StringBuilder("label,p_malignant\n");
        for (var r = 0; r < predicted.Length; r++)
        {
            csv.Append(predicted[r]).Append(',').Append(probabilities[r, malignant].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(Path.Combine(output, "workbench_predictions.csv"), csv.ToString());
        Console.WriteLine(FormattableString.Invariant($"train accuracy {model.Score(matrix, labels):F4}, {model.Iterations} iterations, converged {model.Converged}"));
        return 0;
    }
}
