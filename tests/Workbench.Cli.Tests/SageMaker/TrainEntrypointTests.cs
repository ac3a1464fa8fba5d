using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Cli.Tests.Support;
using Workbench.Learning.Estimators;
using Workbench.SageMaker.Container;
using Workbench.Testing;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>`workbench train` as a process with a temporary /opt/ml root, as a SageMaker training container runs it.</summary>
public sealed class TrainEntrypointTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-train");

    public void Dispose() => _folder.Dispose();

    private OptMlLayout Layout => new(_folder.File("opt/ml"));

    private ProcessResult Train(Dictionary<string, string> hyperparameters, Dictionary<string, string?>? environment = null, bool validation = true, string[]? command = null)
    {
        var layout = Layout.Create();
        var (train, valid) = TrainingData.WriteBreastCancer(_folder.File("data"));
        Directory.CreateDirectory(layout.Channel("train"));
        foreach (var file in Directory.GetFiles(train))
        {
            File.Copy(file, Path.Combine(layout.Channel("train"), Path.GetFileName(file)), overwrite: true);
        }

        var channels = new JsonObject { ["train"] = new JsonObject { ["ContentType"] = "text/csv", ["TrainingInputMode"] = "File" } };
        if (validation)
        {
            Directory.CreateDirectory(layout.Channel("validation"));
            foreach (var file in Directory.GetFiles(valid))
            {
                File.Copy(file, Path.Combine(layout.Channel("validation"), Path.GetFileName(file)), overwrite: true);
            }

            channels["validation"] = new JsonObject { ["ContentType"] = "text/csv", ["TrainingInputMode"] = "File" };
        }

        File.WriteAllText(layout.HyperparametersFile, new JsonObject(hyperparameters.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))).ToJsonString());
        File.WriteAllText(layout.InputDataConfigFile, channels.ToJsonString());
        File.WriteAllText(layout.ResourceConfigFile, """{"current_host":"algo-1","hosts":["algo-1"],"network_interface_name":"eth0"}""");
        var env = Dotnet.ChildEnvironment(new Dictionary<string, string?> { [OptMlLayout.RootVariable] = layout.Root, ["CI"] = "true" });
        foreach (var (key, value) in environment ?? [])
        {
            env[key] = value;
        }

        return command is null
            ? ChildProcess.Run("dotnet", [WorkbenchCli.Dll, "train"], _folder.Path, env, timeout: TimeSpan.FromMinutes(3))
            : ChildProcess.Run(command[0], command[1..], _folder.Path, env, timeout: TimeSpan.FromMinutes(3));
    }

    [Fact]
    public void A_logistic_regression_job_writes_the_registry_layout_and_prints_metrics_the_documented_regexes_read()
    {
        var result = Train(new() { ["target"] = "diagnosis", ["C"] = "0.5", ["model_name"] = "cancer" });

        result.ExitCode.Should().Be(0, result.Combined);
        File.Exists(Layout.FailureFile).Should().BeFalse();
        Directory.GetFiles(Layout.Model).Select(Path.GetFileName).Should().BeEquivalentTo("model.wbm", "feature_pipeline.json", "schema.json", "metadata.json");
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(Layout.Model, "metadata.json")))!;
        metadata["model"]!["name"]!.GetValue<string>().Should().Be("cancer");
        metadata["files"]!.AsArray().Select(f => f!["role"]!.GetValue<string>()).Should().BeEquivalentTo("model", "feature-pipeline", "schema");
        metadata["run"]!["params"]!["C"]!.GetValue<string>().Should().Be("0.5");

        var model = LogisticRegression.Load(Path.Combine(Layout.Model, "model.wbm"));
        model.Classes.Should().Equal("benign", "malignant");
        model.C.Should().Be(0.5);

        var values = TrainingMetricFormat.Definitions().ToDictionary(
            d => d.Name,
            d => Regex.Matches(result.StandardOutput, d.Regex).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList());
        values["validation:accuracy"].Should().ContainSingle().Which.Should().BeGreaterThan(0.9);
        values["validation:auc"].Should().ContainSingle().Which.Should().BeGreaterThan(0.95);
        values["train:loss"].Should().ContainSingle().Which.Should().BeInRange(0.0, 0.3);
    }

    [Fact]
    public void An_mlp_prints_every_epoch_writes_checkpoints_and_resumes_from_them()
    {
        var first = Train(new() { ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "3", ["hidden_layer_sizes"] = "8" });
        first.ExitCode.Should().Be(0, first.Combined);
        Regex.Matches(first.StandardOutput, TrainingMetricFormat.Regex("train:loss") + " epoch=(\\d+)").Select(m => m.Groups[2].Value).Should().Equal("1", "2", "3");
        Directory.GetFiles(Layout.Checkpoints).Select(Path.GetFileName).Should().Contain("checkpoint-epoch-0003.wbm");

        var resumed = Train(new() { ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "5", ["hidden_layer_sizes"] = "8" });
        resumed.ExitCode.Should().Be(0, resumed.Combined);
        resumed.StandardOutput.Should().Contain("resuming from checkpoint checkpoint-epoch-0003.wbm");
        Regex.Matches(resumed.StandardOutput, TrainingMetricFormat.Regex("train:loss") + " epoch=(\\d+)").Select(m => m.Groups[2].Value).Should().Equal("4", "5");
        MlpClassifier.Load(Path.Combine(Layout.Model, "model.wbm")).Classes.Should().Equal("benign", "malignant");
    }

    [Fact]
    public void An_mlp_stops_when_the_loss_stalls_for_n_iter_no_change_epochs_by_tol()
    {
        var stalled = Train(new() { ["target"] = "diagnosis", ["model"] = "mlp", ["epochs"] = "50", ["hidden_layer_sizes"] = "8", ["tol"] = "1000", ["n_iter_no_change"] = "2" });
        stalled.ExitCode.Should().Be(0, stalled.Combined);
        var epochs = Regex.Matches(stalled.StandardOutput, TrainingMetricFormat.Regex("train:loss")).Count;
        epochs.Should().BeInRange(2, 5);
        stalled.StandardOutput.Should().Contain($"mlp: {epochs} epochs, StoppedEarly");

        var bad = Train(new() { ["target"] = "diagnosis", ["model"] = "mlp", ["n_iter_no_change"] = "0" });
        bad.ExitCode.Should().Be(1);
        File.ReadAllText(Layout.FailureFile).Should().Be("Hyperparameter 'n_iter_no_change' is '0', which is not a positive whole number.");
    }

    [Fact]
    public void A_missing_target_column_fails_with_the_reason_in_the_failure_file_and_a_non_zero_exit()
    {
        var result = Train(new() { ["target"] = "outcome" });

        result.ExitCode.Should().Be(TrainingEntrypoint.ConfigurationError);
        var reason = File.ReadAllText(Layout.FailureFile);
        reason.Should().Contain("Channel 'train'").And.Contain("target column 'outcome' is not in the data");
        result.StandardError.Should().Contain(reason);
        Directory.GetFiles(Layout.Model).Should().BeEmpty();
    }

    [Fact]
    public void A_bad_hyperparameter_is_named_and_hyperparameters_json_encoded_by_the_python_sdk_are_read()
    {
        var bad = Train(new() { ["target"] = "diagnosis", ["C"] = "lots" });
        bad.ExitCode.Should().Be(1);
        File.ReadAllText(Layout.FailureFile).Should().Be("Hyperparameter 'C' is 'lots', which is not a positive number.");

        File.Delete(Layout.FailureFile);
        var typo = Train(new() { ["target"] = "diagnosis", ["learnin_rate"] = "0.1" });
        typo.ExitCode.Should().Be(1);
        File.ReadAllText(Layout.FailureFile).Should().StartWith("Unknown hyperparameter(s) 'learnin_rate'");

        File.Delete(Layout.FailureFile);
        var encoded = Train(new() { ["target"] = "\"diagnosis\"", ["model"] = "\"logistic_regression\"" });
        encoded.ExitCode.Should().Be(0, encoded.Combined);
    }

    [Fact]
    public void SM_variables_override_the_channel_and_model_folders_as_in_script_mode()
    {
        var elsewhere = _folder.File("elsewhere-model");
        var (train, _) = TrainingData.WriteBreastCancer(_folder.File("other-data"));
        var result = Train(
            new() { ["target"] = "diagnosis", ["train_channel"] = "mine" },
            new() { ["SM_CHANNEL_MINE"] = train, ["SM_MODEL_DIR"] = elsewhere, ["SM_HPS"] = """{"max_iter":"50"}""" },
            validation: false);

        result.ExitCode.Should().Be(0, result.Combined);
        result.StandardOutput.Should().Contain("channel mine: 450 rows").And.Contain("max_iter=50");
        File.Exists(Path.Combine(elsewhere, "model.wbm")).Should().BeTrue();
        Directory.GetFiles(Layout.Model).Should().BeEmpty();
    }

    [Fact]
    public void The_training_image_entrypoint_runs_train_as_SageMaker_invokes_it_and_refuses_anything_else()
    {
        var script = RepoPaths.Combine("docker", "train");
        var environment = new Dictionary<string, string?> { ["WORKBENCH_CLI"] = $"dotnet {WorkbenchCli.Dll}" };

        var trained = Train(new() { ["target"] = "diagnosis" }, environment, command: ["/bin/sh", script, "train"]);
        trained.ExitCode.Should().Be(0, trained.Combined);
        File.Exists(Path.Combine(Layout.Model, "model.wbm")).Should().BeTrue();

        var serve = Train(new() { ["target"] = "diagnosis" }, environment, command: ["/bin/sh", script, "serve"]);
        serve.ExitCode.Should().Be(64);
        serve.StandardError.Should().Contain("this image trains models; run it with the argument 'train' (got 'serve')");
    }
}
