using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

public sealed class BundleTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Theory]
    [InlineData("registry")]
    [InlineData("alias")]
    [InlineData("archive")]
    [InlineData("folder")]
    public void Loads_every_reference_kind_and_predicts_like_the_training_data(string kind)
    {
        var reference = kind switch
        {
            "registry" => "models:/cancer/1",
            "alias" => "models:/cancer@champion",
            "archive" => Models.CancerArchive,
            _ => Models.CancerFolder,
        };
        using var bundle = ModelBundle.Load(reference, new ModelLoadOptions { WorkbenchHome = Models.Home });
        bundle.Layout.Count.Should().Be(30);
        var body = string.Join("\n", Enumerable.Range(0, 100).Select(Models.CancerCsvRow));
        var frame = RequestReader.Read(bundle, System.Text.Encoding.UTF8.GetBytes(body), DataFormat.Csv);
        var predictions = bundle.Predict(frame);
        var correct = Enumerable.Range(0, 100).Count(i => predictions.Label(i) == Models.CancerLabel(i));
        correct.Should().BeGreaterThan(90, "a logistic regression on breast cancer is above 95 % accurate on its training rows");
    }
}
