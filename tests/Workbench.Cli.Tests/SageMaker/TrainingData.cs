using Workbench.Testing;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>breast_cancer.csv split deterministically: rows 1-450 to train, the rest to validation.</summary>
public static class TrainingData
{
    public static (string Train, string Validation) WriteBreastCancer(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.DataSamples, "breast_cancer.csv"));
        var train = Path.Combine(folder, "train");
        var validation = Path.Combine(folder, "validation");
        Directory.CreateDirectory(train);
        Directory.CreateDirectory(validation);
        File.WriteAllLines(Path.Combine(train, "part-0.csv"), lines.Take(451));
        File.WriteAllLines(Path.Combine(validation, "part-0.csv"), [lines[0], .. lines.Skip(451)]);
        return (train, validation);
    }
}
