using Spectre.Console;
using Workbench.Cli;
using Workbench.Cli.Training;
using Workbench.Data;
using Workbench.Learning;
using Workbench.Learning.Estimators;
using Workbench.Learning.Layers;
using Workbench.Learning.Losses;
using Workbench.Learning.Optimizers;
using Workbench.Learning.Tensors;
using Workbench.Learning.Training;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Learning;

[Collection("console")]
public sealed class LearningCommandsTests
{
    [Fact]
    public void Device_lists_the_cpu_its_simd_and_gemm_provider()
    {
        var (code, output) = Run("learning", "device");
        code.Should().Be(0);
        output.Should().Contain("cpu").And.Contain("GEMM").And.Contain("managed SGEMM kernel").And.Contain("WORKBENCH_GEMM");
    }

    [Fact]
    public void Inspect_shows_a_model_and_fails_clearly_on_a_bad_file()
    {
        using var folder = new TempDirectory("cli-model");
        var x = new DenseMatrix([0, 1, 1, 0, 2, 2, 3, 1, 0, 3, 1, 3], 6, 2, ["age", "bmi"]);
        new LogisticRegression().Fit(x, ["no", "yes", "no", "yes", "no", "yes"]).Save(folder.File("model.wbm"));
        var (code, output) = Run("learning", "inspect", folder.File("model.wbm"));
        code.Should().Be(0, output);
        output.Should().Contain("logistic_regression").And.Contain("classes: no, yes").And.Contain("age, bmi").And.Contain("coef").And.Contain("all checksums verified");

        File.WriteAllText(folder.File("broken.wbm"), "not a model");
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Run("learning", "inspect", folder.File("broken.wbm")).Code.Should().Be(1);
        }
        finally
        {
            Console.SetError(original);
        }

        error.ToString().Should().Contain("broken.wbm is not a Workbench model file");
    }

    [Fact]
    public void Spectre_progress_reports_each_epoch_and_a_summary()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(writer) });
        var random = new DeterministicRandom(1);
        var features = new DenseMatrix(Tensor.RandomNormal([80, 3], seed: 2).ToArray(), 80, 3);
        var labels = Enumerable.Range(0, 80).Select(i => features[i, 0] > 0 ? 1 : 0).ToArray();
        var model = new Sequential(new Linear(3, 8, random: random), new ReLU(), new Linear(8, 2, random: random));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), 0.05), new TrainerOptions { Epochs = 3, BatchSize = 16 });
        var data = TrainingData.Classification(features, labels);
        var summary = SpectreTraining.Fit(trainer, data, data, console: console);
        summary.EpochsRun.Should().Be(3);
        var text = writer.ToString();
        text.Should().Contain("training on cpu");
        text.Should().Contain("epoch   1").And.Contain("epoch   3").And.Contain("val_accuracy");
        text.Should().Contain("Completed").And.Contain("samples/s");
        trainer.Callbacks.Should().BeEmpty("the progress callback is removed after the run");
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(writer) });
        try
        {
            var code = Program.BuildRootCommand().Parse(args).Invoke();
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}
