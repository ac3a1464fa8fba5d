using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests;

/// <summary>Client options pointed at a fake, with the test credentials and fast retries.</summary>
internal static class TestClients
{
    public static AwsClientOptions Options(FakeAwsServer fake, ILogger? logger = null, string? sessionToken = null) => new()
    {
        Region = "us-east-1",
        ServiceUrl = fake.Url,
        Credentials = sessionToken is null
            ? new BasicAWSCredentials(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey)
            : new SessionAWSCredentials(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey, sessionToken),
        Retry = new AwsRetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) },
        Logger = logger,
    };

    /// <summary>An environment with nothing in it, so the credential chain sees no variables.</summary>
    public static Func<string, string?> EmptyEnvironment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}

/// <summary>Keeps every formatted log line (with exception text), to scan for secrets.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
