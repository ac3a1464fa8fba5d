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

public sealed class BundleIntegrityTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Fact]
    public void A_model_folder_with_a_changed_file_is_refused_naming_the_file()
    {
        using var copy = new Workbench.Testing.TempDirectory("tampered");
        foreach (var file in Directory.GetFiles(Models.CancerFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(Models.CancerFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var pipeline = Directory.GetFiles(copy.Path, "pipeline.json", SearchOption.AllDirectories).Single();
        File.AppendAllText(pipeline, " ");
        var act = () => ModelBundle.Load(copy.Path);
        act.Should().Throw<Workbench.Registry.Archive.ModelArchiveException>().WithMessage("*pipeline.json*does not match the manifest*Nothing was loaded*");
    }

    [Fact]
    public void A_corrupt_archive_is_refused_and_leaves_no_scratch_folder()
    {
        using var scratch = new Workbench.Testing.TempDirectory("scratch");
        using var bad = new Workbench.Testing.TempDirectory("bad-archive");
        var archive = Path.Combine(bad.Path, "model.tar.gz");
        var bytes = File.ReadAllBytes(Models.CancerArchive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);
        var act = () => ModelBundle.Load(archive, new ModelLoadOptions { ScratchRoot = scratch.Path });
        act.Should().Throw<Exception>().WithMessage("*model.tar.gz*");
        Directory.GetDirectories(scratch.Path).Should().BeEmpty();
    }

    [Fact]
    public void Unknown_registry_references_name_what_exists()
    {
        var act = () => ModelBundle.Load("models:/cancer/9", new ModelLoadOptions { WorkbenchHome = Models.Home });
        act.Should().Throw<Exception>().WithMessage("*9*");
        var alias = () => ModelBundle.Load("models:/cancer@nobody", new ModelLoadOptions { WorkbenchHome = Models.Home });
        alias.Should().Throw<Exception>().WithMessage("*nobody*");
        var format = () => ModelReference.Parse("models:/cancer");
        format.Should().Throw<FormatException>().WithMessage("*models:/<name>/<version>*");
    }
}
