using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Learning;
using Workbench.Learning.Estimators;
using Workbench.Learning.Layers;
using Workbench.Learning.Persistence;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// Every number in an answer, in every format, is the text .NET writes for the model's own double (or float), so it
/// reads back to exactly that value.
/// </summary>
public sealed class PredictionWriterTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Fact]
    public void Probabilities_are_written_in_every_format_as_the_shortest_text_that_reads_back()
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 200).Select(Models.CancerCsvRow)));
        var predictions = bundle.Predict(RequestReader.ReadRows(bundle, body, DataFormat.Csv));
        var expected = predictions.Probabilities!.Select(p => p.ToString("R", CultureInfo.InvariantCulture)).ToArray();

        var json = JsonDocument.Parse(Write(predictions, DataFormat.Json, probabilities: true));
        json.RootElement.GetProperty("probabilities").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(p => p.GetRawText()).Should().Equal(expected);

        var csv = Write(predictions, DataFormat.Csv, probabilities: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv.SelectMany(line => line.Split(',').Skip(1)).Should().Equal(expected);

        var lines = Write(predictions, DataFormat.JsonLines, probabilities: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.SelectMany(line => JsonDocument.Parse(line).RootElement.GetProperty("probabilities").EnumerateObject().Select(p => p.Value.GetRawText())).Should().Equal(expected);
    }

    [Fact]
    public void Regression_values_and_network_outputs_are_written_as_their_own_type_writes_them()
    {
        using var folder = new Workbench.Testing.TempDirectory("writer-models");
        var names = Models.CancerFeatures.Take(4).ToArray();
        var features = Models.Cancer.ToMatrix(names);
        // Without feature names in its file, a network reads columns x0, x1, …
        var frame = Models.Cancer.Select(names).Rename(names.Select((n, i) => (n, $"x{i}")).ToArray());
        var area = Models.Cancer["mean_area"];
        var target = Enumerable.Range(0, features.Rows).Select(r => double.Parse(area.Format(r)!, CultureInfo.InvariantCulture) / 7).ToArray();
        new LinearRegression().Fit(features, target).Save(folder.File("linear.wbm"));
        var random = new Workbench.Learning.DeterministicRandom(3);
        var network = new Sequential(new Linear(4, 3, random: random));
        ModelFile.Save(network, folder.File("network.wbm"));

        var regression = Predictor.Load(folder.File("linear.wbm")).Predict(Models.Cancer);
        var expectedValues = regression.Values!.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        JsonDocument.Parse(Write(regression, DataFormat.Json, probabilities: false)).RootElement.GetProperty("predictions")
            .EnumerateArray().Select(v => v.GetRawText()).Should().Equal(expectedValues);
        Write(regression, DataFormat.Csv, probabilities: false).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(expectedValues);

        var outputs = Predictor.Load(folder.File("network.wbm")).Predict(frame);
        var expectedOutputs = outputs.Outputs!.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        JsonDocument.Parse(Write(outputs, DataFormat.Json, probabilities: false)).RootElement.GetProperty("predictions")
            .EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetRawText()).Should().Equal(expectedOutputs);
        Write(outputs, DataFormat.Csv, probabilities: false).Split('\n', StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split(','))
            .Should().Equal(expectedOutputs, "a float is written as a float, not as the double it widens to");
    }

    private static string Write(Predictions predictions, DataFormat format, bool probabilities)
    {
        var output = new ArrayBufferWriter<byte>();
        PredictionWriter.Write(output, predictions.All(), format, probabilities);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
