using System.Text.Json.Nodes;
using Workbench.Costs;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.Commands;

public sealed class CostsAndSageMakerCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public void Costs_estimate_prints_the_worked_example_and_the_cheapest_option()
    {
        var (exit, output, error) = Run("costs", "estimate", "--requests", "1000000", "--duration-ms", "500",
            "--lambda-memory-mb", "2048", "--lambda-ephemeral-mb", "2048", "--serverless-memory-mb", "2048", "--instance-type", "ml.t2.medium");

        exit.Should().Be(0, error);
        output.Should().Contain("16.67").And.Contain("0.0264").And.Contain("16.90").And.Contain("20.00").And.Contain("40.88")
            .And.Contain("Cheapest: Lambda at 16.90 USD per month.");
    }

    [Fact]
    public void Costs_estimate_refuses_bad_input_naming_the_field_and_reads_a_user_price_table()
    {
        var (exit, _, error) = Run("costs", "estimate", "--requests", "1000", "--duration-ms", "100", "--lambda-memory-mb", "64");
        exit.Should().Be(2);
        error.Should().Contain("LambdaDeployment.MemoryMB is 64");

        using var temp = new TempDirectory();
        var prices = temp.File("prices.json");
        Run("costs", "export-prices", prices).ExitCode.Should().Be(0);
        var json = JsonNode.Parse(File.ReadAllText(prices))!;
        json["prices"]!.AsArray().Single(p => p!["item"]!.GetValue<string>() == "ml.t2.medium")!["usd"] = 0.1;
        File.WriteAllText(prices, json.ToJsonString());

        var edited = Run("costs", "estimate", "--requests", "1000", "--duration-ms", "100", "--instance-type", "ml.t2.medium", "--prices", prices);
        edited.ExitCode.Should().Be(0, edited.Error);
        edited.Output.Should().Contain("73.00");
        PriceTable.Load(prices).Prices.Should().HaveCount(PriceTable.Default.Prices.Count);
    }

    [Fact]
    public void Sagemaker_validate_checks_a_request_file_against_the_model()
    {
        using var temp = new TempDirectory();
        var good = temp.Write("good.json", """{ "EndpointName": "readmission", "EndpointConfigName": "readmission-config-1" }""");
        var bad = temp.Write("bad.json", """{ "EndpointName": "readmission_v2" }""");

        var valid = Run("sagemaker", "validate", "sagemaker", "CreateEndpoint", good);
        valid.ExitCode.Should().Be(0);
        valid.Output.Should().Contain("CreateEndpoint request is valid for SageMaker 2017-07-24");

        var invalid = Run("sagemaker", "validate", "sagemaker", "CreateEndpoint", bad);
        invalid.ExitCode.Should().Be(1);
        invalid.Error.Should().Contain("EndpointConfigName is required").And.Contain("EndpointName is 'readmission_v2'");
        invalid.Output.Should().Contain("2 problems");

        Run("sagemaker", "validate", "sagemaker", "CreateEndpoints", good).Error.Should().Contain("no operation 'CreateEndpoints'");
        Run("sagemaker", "validate", "sagemaker", "CreateEndpoint", temp.Write("broken.json", "{ nope")).Error.Should().Contain("broken.json is not a JSON request");
    }

    [Fact]
    public void Sagemaker_iam_policies_print_as_JSON()
    {
        var invoker = Run("sagemaker", "iam-policy", "invoker", "--region", "eu-west-1", "--account", "123456789012", "--endpoint", "readmission");
        invoker.ExitCode.Should().Be(0);
        JsonNode.Parse(invoker.Output)!["Statement"]![0]!["Resource"]!.GetValue<string>().Should().Be("arn:aws:sagemaker:eu-west-1:123456789012:endpoint/readmission");
        Run("sagemaker", "iam-policy", "invoker", "--region", "eu-west-1", "--account", "12", "--endpoint", "x").Error.Should().Contain("'12' is not an AWS account id");

        using var temp = new TempDirectory();
        var job = temp.Write("job.json", """
            { "TrainingJobName": "j1", "RoleArn": "arn:aws:iam::123456789012:role/exec",
              "AlgorithmSpecification": { "TrainingImage": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/train:1", "TrainingInputMode": "File" },
              "InputDataConfig": [ { "ChannelName": "train", "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://data/train/" } } } ],
              "OutputDataConfig": { "S3OutputPath": "s3://models/out/" }, "ResourceConfig": { "InstanceType": "ml.m5.large", "InstanceCount": 1 },
              "StoppingCondition": { "MaxRuntimeInSeconds": 60 } }
            """);
        var role = Run("sagemaker", "iam-policy", "execution-role", "--training-job", job);
        role.ExitCode.Should().Be(0, role.Error);
        role.Output.Should().Contain("arn:aws:s3:::data/train/*").And.Contain("arn:aws:ecr:eu-west-1:123456789012:repository/train").And.NotContain("sagemaker:*");
    }

    [Fact]
    public void Sagemaker_simulate_scaling_replays_the_seeds_spike_or_a_traffic_file()
    {
        var (exit, output, error) = Run("sagemaker", "simulate-scaling", "--max", "5", "--scale-out-cooldown", "30", "--scale-in-cooldown", "30", "--spike-factor", "5");
        exit.Should().Be(0, error);
        output.Should().Contain("capped at the maximum").And.Contain("peak 5 instances");

        using var temp = new TempDirectory();
        var traffic = temp.Write("traffic.csv", "requests\n" + string.Join('\n', Enumerable.Repeat("50", 30)));
        Run("sagemaker", "simulate-scaling", "--traffic", traffic).Output.Should().Contain("peak 1 instances");
        var broken = temp.Write("broken.csv", "requests\n50\nlots\n");
        var failed = Run("sagemaker", "simulate-scaling", "--traffic", broken);
        failed.ExitCode.Should().Be(2);
        failed.Error.Should().Contain("broken.csv, line 3: 'lots'");
    }
}
