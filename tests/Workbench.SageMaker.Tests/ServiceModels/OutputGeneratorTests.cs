using Workbench.SageMaker.ServiceModels;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests.ServiceModels;

public sealed class OutputGeneratorTests
{
    [Theory]
    [MemberData(nameof(JavaRegexTests.Models), MemberType = typeof(JavaRegexTests))]
    public void The_minimal_output_of_every_operation_satisfies_its_model(string service)
    {
        var model = JavaRegexTests.ModelFor(service);
        var generator = new OutputGenerator(model, "us-east-1", FakeAwsServer.AccountId);
        var validator = new ShapeValidator(model);
        var failures = new List<string>();
        foreach (var operation in model.Operations.Values.Where(o => o.OutputShape is not null))
        {
            try
            {
                var output = generator.Generate(operation.OutputShape!);
                failures.AddRange(validator.ValidateOutput(operation.Name, output).Select(p => $"{operation.Name}: {p.Message}"));
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{operation.Name}: {e.Message}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public void Bundled_models_carry_the_protocol_details_the_clients_rely_on()
    {
        BundledModels.SageMaker.Metadata.Should().Match<ServiceMetadata>(m =>
            m.Protocol == "json" && m.TargetPrefix == "SageMaker" && m.SigningName == "sagemaker" && m.EndpointPrefix == "api.sagemaker" && m.JsonVersion == "1.1");
        BundledModels.SageMakerRuntime.Metadata.Should().Match<ServiceMetadata>(m =>
            m.Protocol == "rest-json" && m.SigningName == "sagemaker" && m.EndpointPrefix == "runtime.sagemaker");
        BundledModels.ApplicationAutoScaling.Metadata.Should().Match<ServiceMetadata>(m =>
            m.TargetPrefix == "AnyScaleFrontendService" && m.SigningName == "application-autoscaling");
        BundledModels.SageMakerRuntime.Operation("InvokeEndpoint").RequestUri.Should().Be("/endpoints/{EndpointName}/invocations");
    }

    [Fact]
    public void The_embedded_models_are_the_vendored_contracts()
    {
        foreach (var (resource, file) in new[]
        {
            ("sagemaker.service-2.json", "sagemaker/2017-07-24/service-2.json"),
            ("sagemaker.waiters-2.json", "sagemaker/2017-07-24/waiters-2.json"),
            ("sagemaker-runtime.service-2.json", "sagemaker-runtime/2017-05-13/service-2.json"),
            ("application-autoscaling.service-2.json", "application-autoscaling/2016-02-06/service-2.json"),
        })
        {
            using var embedded = BundledModels.Open(resource);
            using var copy = new MemoryStream();
            embedded.CopyTo(copy);
            copy.ToArray().Should().Equal(File.ReadAllBytes(Workbench.Testing.RepoPaths.Combine("contracts", "aws", "botocore", file)), resource);
        }
    }
}
