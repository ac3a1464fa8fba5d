using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Waiters;

namespace Workbench.SageMaker.Tests.Waiters;

public sealed class WaiterRunnerTests
{
    private static WaiterDefinition Waiter(string acceptors, int maxAttempts = 5)
    {
        var json = $$"""{ "version": 2, "waiters": { "Test": { "operation": "DescribeEndpoint", "delay": 0, "maxAttempts": {{maxAttempts}}, "acceptors": {{acceptors}} } } }""";
        return WaiterDefinition.LoadAll(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test waiters")["Test"];
    }

    private static Func<CancellationToken, Task<JsonNode?>> Script(params object[] steps)
    {
        var queue = new Queue<object>(steps);
        return _ => queue.Dequeue() switch
        {
            AwsServiceException e => Task.FromException<JsonNode?>(e),
            string json => Task.FromResult(JsonNode.Parse(json)),
            _ => throw new InvalidOperationException(),
        };
    }

    private static AwsServiceException Error(string code, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new("SageMaker", "DescribeEndpoint", code, "message", status, "rid");

    [Fact]
    public async Task The_SageMaker_waiters_are_read_from_botocore_as_defined()
    {
        var waiters = SageMakerWaiters.All;
        waiters.Keys.Should().Contain(["EndpointInService", "EndpointDeleted", "TrainingJobCompletedOrStopped", "TransformJobCompletedOrStopped"]);
        var training = waiters["TrainingJobCompletedOrStopped"];
        training.Should().Match<WaiterDefinition>(w => w.Operation == "DescribeTrainingJob" && w.Delay == TimeSpan.FromSeconds(120) && w.MaxAttempts == 180);
        training.Acceptors.Select(a => $"{a.State} {a.Matcher} {a.Argument?.Expression} {a.Expected!.ToJsonString()}").Should().Equal(
            "success path TrainingJobStatus \"Completed\"",
            "success path TrainingJobStatus \"Stopped\"",
            "failure path TrainingJobStatus \"Failed\"",
            "failure error  \"ValidationException\"");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task PathAll_succeeds_only_when_every_element_matches()
    {
        var waiter = Waiter("""[ { "state": "success", "matcher": "pathAll", "argument": "ProductionVariants[].Status", "expected": "InService" } ]""");
        var polls = 0;
        var result = await WaiterRunner.WaitAsync(waiter, "endpoint ep", Script(
            """{ "ProductionVariants": [ { "Status": "InService" }, { "Status": "Creating" } ] }""",
            """{ "ProductionVariants": [] }""",
            """{ "ProductionVariants": [ { "Status": "InService" }, { "Status": "InService" } ] }"""),
            new WaiterOptions { OnPoll = (_, _) => polls++ });

        polls.Should().Be(3, "a mixed list and an empty list are not 'all'");
        result!["ProductionVariants"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task PathAny_failure_stops_with_the_matched_state()
    {
        var waiter = Waiter("""
            [ { "state": "failure", "matcher": "pathAny", "argument": "Jobs[].Status", "expected": "Failed" },
              { "state": "success", "matcher": "pathAll", "argument": "Jobs[].Status", "expected": "Completed" } ]
            """);

        var wait = () => WaiterRunner.WaitAsync(waiter, "tuning job t", Script(
            """{ "Jobs": [ { "Status": "InProgress" } ] }""",
            """{ "Jobs": [ { "Status": "Completed" }, { "Status": "Failed" } ], "FailureReason": "1 of 2 training jobs failed" }"""));

        var failure = (await wait.Should().ThrowAsync<WaiterFailedException>()).Which;
        failure.Attempts.Should().Be(2);
        failure.Reason.Should().Be("1 of 2 training jobs failed");
        failure.Message.Should().Contain("Jobs[].Status is [\"Completed\",\"Failed\"]");
    }

    [Fact]
    public async Task Error_and_status_matchers_see_service_errors()
    {
        var deleted = Waiter("""[ { "state": "success", "matcher": "error", "expected": "ValidationException" } ]""");
        (await WaiterRunner.WaitAsync(deleted, "endpoint ep", Script("{}", Error("ValidationException")))).Should().BeNull();

        var gone = Waiter("""[ { "state": "success", "matcher": "status", "expected": 404 } ]""");
        (await WaiterRunner.WaitAsync(gone, "thing", Script("{}", Error("NotFound", HttpStatusCode.NotFound)))).Should().BeNull();

        var anyError = Waiter("""[ { "state": "failure", "matcher": "error", "expected": true }, { "state": "retry", "matcher": "error", "expected": false } ]""");
        var wait = () => WaiterRunner.WaitAsync(anyError, "thing", Script("{}", "{}", Error("AccessDeniedException")));
        (await wait.Should().ThrowAsync<WaiterFailedException>()).Which.Reason.Should().Be("message");
    }

    [Fact]
    public async Task An_error_no_acceptor_expects_is_rethrown_and_running_out_of_attempts_times_out()
    {
        var waiter = Waiter("""[ { "state": "success", "matcher": "path", "argument": "Status", "expected": "Done" } ]""", maxAttempts: 3);

        var unexpected = () => WaiterRunner.WaitAsync(waiter, "thing", Script(Error("AccessDeniedException")));
        (await unexpected.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("AccessDeniedException");

        var timeout = () => WaiterRunner.WaitAsync(waiter, "thing", Script("""{"Status":"A"}""", """{"Status":"B"}""", """{"Status":"C"}"""));
        (await timeout.Should().ThrowAsync<WaiterTimeoutException>()).Which.Message.Should().Contain("3 attempts").And.Contain("thing");
    }
}
