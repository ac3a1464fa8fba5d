using System.Text.Json;
using System.Text.RegularExpressions;
using Workbench.Cli.Tests.Support;
using Workbench.SageMaker.Aws;
using Workbench.Testing;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>`workbench sagemaker train-job request.json` on the local backend, as a process.</summary>
public sealed class TrainJobCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-train-job");

    public void Dispose() => _folder.Dispose();

    private ProcessResult Run(string name, Dictionary<string, string> hyperparameters)
    {
        var (train, validation) = TrainingData.WriteBreastCancer(_folder.File("data"));
        var request = CancerTrainingRequest.Create(name, hyperparameters, train, validation);
        var file = _folder.Write($"{name}.json", JsonSerializer.Serialize(request, AwsJson.Options));
        return WorkbenchCli.Run(["sagemaker", "train-job", file, "--local-root", _folder.File("local"), "--poll-seconds", "0.1"], _folder.Path, _folder.File("home"));
    }

    [Fact]
    public void A_job_is_followed_transition_by_transition_with_its_metrics_and_exits_0_when_completed()
    {
        var result = Run("cli-mlp", new() { ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "3", ["hidden_layer_sizes"] = "8" });

        result.ExitCode.Should().Be(0, result.Combined);
        Regex.Matches(result.StandardOutput, @"^\d\d:\d\d:\d\d (\w+)\s+(\w+)", RegexOptions.Multiline).Select(m => m.Groups[2].Value)
            .Should().Equal("Starting", "Downloading", "Training", "Uploading", "Completed");
        Regex.Matches(result.StandardOutput, @"train:loss = [0-9.]+ \(step (\d)\)").Select(m => m.Groups[1].Value).Should().Equal("1", "2", "3");
        result.StandardOutput.Should().Contain("validation:auc = ").And.Contain("cli-mlp: Completed after").And.Contain("cli-mlp/output/model.tar.gz");
    }

    [Fact]
    public void A_failed_job_prints_its_reason_and_exits_1_and_an_invalid_request_exits_2_naming_the_member()
    {
        var failed = Run("cli-bad", new() { ["target"] = "nope" });
        failed.ExitCode.Should().Be(1, failed.Combined);
        failed.StandardError.Should().Contain("failure reason: AlgorithmError: Channel 'train': the target column 'nope' is not in the data");

        var invalid = Run("cli_bad_name", new() { ["target"] = "diagnosis" });
        invalid.ExitCode.Should().Be(2);
        invalid.StandardError.Should().Contain("TrainingJobName is 'cli_bad_name'");
    }
}
