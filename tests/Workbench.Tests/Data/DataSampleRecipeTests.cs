using System.Security.Cryptography;
using Workbench.Testing;

namespace Workbench.Tests.Data;

/// <summary>The committed data samples are exactly what their recipe writes (fixed seeds, stable formatting).</summary>
public sealed class DataSampleRecipeTests
{
    [Fact]
    public void Recipe_reproduces_every_committed_sample_byte_for_byte()
    {
        using var output = new TempDirectory("samples");
        var recipe = Path.Combine(RepoPaths.DataSamples, "recipes", "make_samples.py");
        var result = ChildProcess.Run(PythonPeer.Interpreter, [recipe, output.Path], timeout: TimeSpan.FromMinutes(3));
        result.ExitCode.Should().Be(0, result.StandardError);

        var committed = Directory.GetFiles(RepoPaths.DataSamples, "*.csv", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepoPaths.DataSamples, path))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var regenerated = Directory.GetFiles(output.Path, "*.csv", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(output.Path, path))
            .Order(StringComparer.Ordinal)
            .ToArray();

        regenerated.Should().Equal(committed);
        committed.Should().Contain(["breast_cancer.csv", "digits.csv", "wine.csv", "diabetes.csv", "patients.csv"]);
        foreach (var relative in committed)
        {
            Hash(Path.Combine(output.Path, relative)).Should().Be(Hash(Path.Combine(RepoPaths.DataSamples, relative)), relative);
        }
    }

    [Theory]
    [InlineData("breast_cancer.csv", 569, 31)]
    [InlineData("digits.csv", 1797, 65)]
    [InlineData("wine.csv", 178, 14)]
    [InlineData("diabetes.csv", 442, 11)]
    [InlineData("patients.csv", 5000, 19)]
    public void Samples_have_the_documented_shape(string file, int rows, int columns)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.DataSamples, file));
        lines.Length.Should().Be(rows + 1);
        lines[0].Split(',').Should().HaveCount(columns);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
