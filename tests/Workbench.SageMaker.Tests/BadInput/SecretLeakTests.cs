using System.Text;
using System.Text.RegularExpressions;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Runtime;
using Workbench.SageMaker.ServiceModels;
using Workbench.SageMaker.Tests.Contract;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests.BadInput;

public sealed partial class SecretLeakTests
{
    private const string SessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789abcdef";

    [Fact]
    public async Task Secrets_never_reach_logs_exceptions_or_printed_requests()
    {
        await using var fake = await FakeAwsServer.StartAsync();
        var logger = new CapturingLogger();
        var options = TestClients.Options(fake, logger, SessionToken);
        var texts = new List<string> { options.ToString() };
        using var client = new SageMakerClient(options);
        using var runtime = new SageMakerRuntimeClient(options);

        // Successes, retries, service errors and refused requests: everything that could print something.
        await client.CreateModelAsync(new CreateModelRequest { ModelName = "m", PrimaryContainer = new ContainerDefinition { Image = "i" } });
        fake.QueueFaults("DescribeEndpoint", Enumerable.Repeat(FakeError.Throttling(), 4).ToArray());
        texts.Add(await Capture(() => client.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "ep" })));
        texts.Add(await Capture(() => client.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "none" })));
        texts.Add(await Capture(() => client.CreateTrainingJobAsync(WorkflowTests.TrainingJob("bad_name"))));
        var invoke = new InvokeEndpointRequest { EndpointName = "ep", Body = Encoding.UTF8.GetBytes("age=71,diagnosis=E11.9"), CustomAttributes = "patient-4711" };
        texts.Add(await Capture(() => runtime.InvokeEndpointAsync(invoke)));
        texts.Add(invoke.ToString());
        texts.Add(WorkflowTests.TrainingJob("j").ToString());
        using var badSecret = new SageMakerClient(options with { Credentials = new Amazon.Runtime.SessionAWSCredentials(FakeAwsServer.AccessKey, "wrong-" + FakeAwsServer.SecretKey, SessionToken) });
        texts.Add(await Capture(() => badSecret.ListTrainingJobsAsync(new ListTrainingJobsRequest())));
        texts.AddRange(logger.Lines);

        // The fake echoes the signature it received when it refuses one, as a careless server might.
        fake.Calls.Should().Contain(c => c.ErrorCode == "InvalidSignatureException");
        var signatures = fake.Calls.Select(c => SignaturePart().Match(c.Headers["authorization"]).Groups[1].Value).ToArray();
        signatures.Should().NotBeEmpty().And.OnlyContain(s => s.Length == 64);
        logger.Lines.Should().NotBeEmpty();
        var all = string.Join("\n", texts);
        all.Should().NotContain(FakeAwsServer.SecretKey).And.NotContain(SessionToken).And.NotContain("patient-4711").And.NotContain("E11.9");
        foreach (var signature in signatures)
        {
            all.Should().NotContain(signature);
        }

        all.Should().NotContain("Authorization", "no header dump ever reaches a log or message");
    }

    private static async Task<string> Capture(Func<Task> call)
    {
        try
        {
            await call();
            return string.Empty;
        }
        catch (Exception e) when (e is AwsServiceException or RequestValidationException)
        {
            return e.ToString();
        }
    }

    [GeneratedRegex("Signature=([0-9a-f]+)")]
    private static partial Regex SignaturePart();
}
