using System.CommandLine;
using Spectre.Console;
using Workbench.Serving.Batch;
using Workbench.Serving.Models;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench batch --model M --input DIR --output DIR</c>: a local batch transform with SageMaker's options
/// (SplitType, BatchStrategy, MaxPayloadInMB, concurrency): <c>&lt;input&gt;.out</c> files, a progress bar, resumable
/// (finished files are skipped), a failed record reported with its file and line (exit code 1).
/// </summary>
public static class BatchCommands
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "The model: models:/name/3, models:/name@alias, a model.tar.gz, or a model folder.", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "The folder of input files (read recursively).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The folder for <input>.out files.", Required = true };
        var split = new Option<BatchSplitType>("--split-type") { Description = "Line: one record per line; None: the whole file is one request.", DefaultValueFactory = _ => BatchSplitType.Line };
        var strategy = new Option<BatchStrategy>("--strategy") { Description = "MultiRecord: fill each request up to --max-payload-mb; SingleRecord: one record per request.", DefaultValueFactory = _ => BatchStrategy.MultiRecord };
        var maxPayload = new Option<double>("--max-payload-mb") { Description = "The largest request, in MiB.", DefaultValueFactory = _ => 6 };
        var concurrency = new Option<int>("--concurrency") { Description = "Files transformed at once.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var contentType = new Option<string>("--content-type") { Description = "The input files' type: text/csv (add ;header=present for a header line), application/jsonlines, application/json, application/x-npy (one array per file: --split-type None).", DefaultValueFactory = _ => "text/csv" };
        var accept = new Option<string?>("--accept") { Description = "The output type (default: text/csv for CSV input, application/x-npy for .npy input, else application/jsonlines)." };
        var probabilities = new Option<bool>("--probabilities") { Description = "Append class probabilities to each prediction." };
        var home = StoreCommandSupport.HomeOption();
        var command = new Command("batch", "Run a batch transform over a folder of files with a model, as SageMaker batch transform does.");
        foreach (var option in new Option[] { model, input, output, split, strategy, maxPayload, concurrency, contentType, accept, probabilities, home })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellation) =>
        {
            var console = StoreCommandSupport.Console(result);
            var error = result.InvocationConfiguration.Error;
            var options = new BatchTransformOptions(result.GetValue(model)!, result.GetValue(input)!, result.GetValue(output)!)
            {
                SplitType = result.GetValue(split),
                Strategy = result.GetValue(strategy),
                MaxPayloadMB = result.GetValue(maxPayload),
                Concurrency = result.GetValue(concurrency),
                ContentType = result.GetValue(contentType)!,
                Accept = result.GetValue(accept),
                Probabilities = result.GetValue(probabilities),
                LoadOptions = new ModelLoadOptions { WorkbenchHome = result.GetValue(home) },
            };

            BatchTransformResult outcome;
            try
            {
                outcome = await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("transforming", maxValue: 1);
                        var progress = new Progress<BatchProgress>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.BytesTotal);
                            task.Value = p.BytesDone;
                            task.Description = $"{p.FilesDone}/{p.FilesTotal} files, {p.Records:N0} records";
                        });
                        var done = await BatchTransform.RunAsync(options, progress, cancellation);
                        task.Value = task.MaxValue;
                        return done;
                    });
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException or FormatException or Workbench.Serving.Protocol.ServingException or KeyNotFoundException or InvalidOperationException)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }

            var table = new Table().AddColumns("file", "status", "records", "detail");
            foreach (var file in outcome.Files)
            {
                table.AddRow(Markup.Escape(file.Input), file.Status.ToString(), file.Records.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(file.Error ?? Path.GetFileName(file.Output)));
            }

            console.Write(table);
            console.WriteLine($"{outcome.Succeeded} succeeded, {outcome.Skipped} skipped (already done), {outcome.Failed} failed; {outcome.Records:N0} records in {outcome.Elapsed.TotalSeconds:0.0} s.");
            foreach (var failed in outcome.Files.Where(f => f.Status == BatchFileStatus.Failed))
            {
                error.WriteLine($"error: {failed.Error}");
            }

            return outcome.Failed > 0 ? 1 : 0;
        });
        return command;
    }
}
