namespace Workbench.Costs;

/// <summary>The traffic a deployment serves in a month.</summary>
public sealed record InferenceTraffic
{
    public required double RequestsPerMonth { get; init; }

    /// <summary>Mean time the model takes per request (billed duration on Lambda and serverless inference).</summary>
    public required TimeSpan AverageDuration { get; init; }

    /// <summary>Mean request payload, for the data-processing charges of SageMaker inference.</summary>
    public double AverageRequestKB { get; init; }

    /// <summary>Mean response payload.</summary>
    public double AverageResponseKB { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        Check(double.IsFinite(RequestsPerMonth) && RequestsPerMonth >= 0, nameof(RequestsPerMonth), RequestsPerMonth);
        Check(AverageDuration >= TimeSpan.Zero, nameof(AverageDuration), AverageDuration.TotalMilliseconds);
        Check(double.IsFinite(AverageRequestKB) && AverageRequestKB >= 0, nameof(AverageRequestKB), AverageRequestKB);
        Check(double.IsFinite(AverageResponseKB) && AverageResponseKB >= 0, nameof(AverageResponseKB), AverageResponseKB);
    }

    /// <summary>Payload gigabytes in and out in the month (1 GB = 1024 × 1024 KB, as AWS bills data).</summary>
    internal double PayloadGB => RequestsPerMonth * (AverageRequestKB + AverageResponseKB) / (1024.0 * 1024.0);

    private static void Check(bool ok, string field, double value)
    {
        if (!ok)
        {
            throw new ArgumentException($"InferenceTraffic.{field} is {value}; it must be a finite number, 0 or more.", field);
        }
    }
}

/// <summary>An AWS Lambda function serving the model.</summary>
public sealed record LambdaDeployment
{
    public required int MemoryMB { get; init; }

    /// <summary>/tmp size; 512 MB is included, more is billed per GB-second.</summary>
    public int EphemeralStorageMB { get; init; } = 512;

    /// <summary><c>x86_64</c> or <c>arm64</c>.</summary>
    public string Architecture { get; init; } = "x86_64";

    public string Region { get; init; } = "us-east-1";

    /// <summary>Subtract the account's monthly free tier; off by default, since other functions usually use it up.</summary>
    public bool ApplyFreeTier { get; init; }
}

/// <summary>A SageMaker serverless inference endpoint (memory 1024 to 6144 MB in 1 GB steps).</summary>
public sealed record ServerlessInferenceDeployment
{
    public required int MemoryMB { get; init; }

    public string Region { get; init; } = "us-east-1";
}

/// <summary>A SageMaker real-time endpoint on always-on instances.</summary>
public sealed record RealTimeDeployment
{
    public required string InstanceType { get; init; }

    public double InstanceCount { get; init; } = 1;

    /// <summary>Hours the instances run in the month (AWS's monthly estimates use 730).</summary>
    public double HoursPerMonth { get; init; } = 730;

    public string Region { get; init; } = "us-east-1";

    /// <summary>Sizes the deployment from a scaling simulation: its average instance count over the month.</summary>
    public static RealTimeDeployment FromSimulation(string instanceType, ScalingSimulation simulation, double hoursPerMonth = 730, string region = "us-east-1")
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var simulatedHours = simulation.Steps.Count / 60.0;
        if (simulatedHours <= 0)
        {
            throw new ArgumentException("The simulation has no minutes to average over.", nameof(simulation));
        }

        return new RealTimeDeployment
        {
            InstanceType = instanceType,
            InstanceCount = simulation.InstanceHours / simulatedHours,
            HoursPerMonth = hoursPerMonth,
            Region = region,
        };
    }
}
