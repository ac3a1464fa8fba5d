using System.Globalization;

namespace Workbench.Costs;

/// <summary>
/// Monthly cost of serving a model on AWS Lambda, SageMaker serverless inference or SageMaker real-time
/// instances, from the traffic and a <see cref="PriceTable"/>.
/// </summary>
/// <remarks>
/// <para>Lambda: requests × the request price; compute = requests × duration (s) × memory (GB, MB ÷ 1024) in
/// GB-seconds, priced through the monthly tiers; ephemeral storage = requests × duration × (storage − 512 MB) in
/// GB-seconds. The free tier is subtracted only when asked. The architecture notes' worked example,
/// 1,000,000 requests × 500 ms × 2 GB memory with 2 GB of ephemeral storage and no free tier, gives
/// 1,000,000 GB-s × 0.0000166667 = 16.6667 → 16.67 USD compute, 1,000,000 × 0.0000002 = 0.20 USD requests and
/// 500,000 s × 1.5 GB × 0.0000000352 = 0.0264 USD storage; the bill rounds each line to the cent, so
/// 16.67 + 0.20 + 0.03 = 16.90 USD (the exact sum is 16.8931).</para>
/// <para>Serverless inference: requests × duration × memory (GB) at the GB-second price, plus data processed in
/// and out. Real-time: instances × hours at the instance-hour price, plus data processed.</para>
/// </remarks>
public static class DeploymentCosts
{
    public static CostEstimate Lambda(InferenceTraffic traffic, LambdaDeployment function, PriceTable? prices = null)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(function);
        traffic.Validate();
        Require(function.MemoryMB is >= 128 and <= 10240, "LambdaDeployment.MemoryMB", function.MemoryMB, "between 128 and 10240");
        Require(function.EphemeralStorageMB is >= 512 and <= 10240, "LambdaDeployment.EphemeralStorageMB", function.EphemeralStorageMB, "between 512 and 10240");
        Require(function.Architecture is "x86_64" or "arm64", "LambdaDeployment.Architecture", function.Architecture, "x86_64 or arm64");
        prices ??= PriceTable.Default;
        var region = function.Region;
        var seconds = traffic.RequestsPerMonth * traffic.AverageDuration.TotalSeconds;
        var computeGbSeconds = seconds * function.MemoryMB / 1024.0;
        var requests = traffic.RequestsPerMonth;
        var assumptions = new List<string>
        {
            $"{Count(traffic.RequestsPerMonth)} requests × {traffic.AverageDuration.TotalMilliseconds:0.#} ms × {function.MemoryMB} MB ({function.Architecture})",
        };
        if (function.ApplyFreeTier)
        {
            var freeRequests = prices.FindAllowance("lambda", "requests")?.Quantity ?? 0;
            var freeCompute = prices.FindAllowance("lambda", "compute")?.Quantity ?? 0;
            requests = Math.Max(0, requests - freeRequests);
            computeGbSeconds = Math.Max(0, computeGbSeconds - freeCompute);
            assumptions.Add($"free tier subtracted: {Count(freeRequests)} requests and {Count(freeCompute)} GB-seconds");
        }
        else
        {
            assumptions.Add("no free tier (assumed used by other functions in the account)");
        }

        var requestPrice = prices.Find("lambda", "requests", region);
        var computePrice = prices.Find("lambda", $"compute-{function.Architecture}", region);
        var lines = new List<CostLine>
        {
            new("compute", computeGbSeconds, "GB-second", computePrice.Charge(computeGbSeconds), computePrice),
            new("requests", requests, "request", requestPrice.Charge(requests), requestPrice),
        };
        var includedStorageGb = prices.FindAllowance("lambda", "ephemeral-storage")?.Quantity ?? 0.5;
        var extraStorageGb = Math.Max(0, (function.EphemeralStorageMB / 1024.0) - includedStorageGb);
        if (extraStorageGb > 0)
        {
            var storagePrice = prices.Find("lambda", "ephemeral-storage", region);
            var storageGbSeconds = seconds * extraStorageGb;
            lines.Add(new CostLine("ephemeral storage", storageGbSeconds, "GB-second", storagePrice.Charge(storageGbSeconds), storagePrice));
            assumptions.Add($"{function.EphemeralStorageMB} MB ephemeral storage, {includedStorageGb * 1024:0} MB of it included");
        }

        return new CostEstimate("Lambda", region, lines, assumptions);
    }

    public static CostEstimate ServerlessInference(InferenceTraffic traffic, ServerlessInferenceDeployment endpoint, PriceTable? prices = null)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(endpoint);
        traffic.Validate();
        Require(endpoint.MemoryMB is >= 1024 and <= 6144 && endpoint.MemoryMB % 1024 == 0, "ServerlessInferenceDeployment.MemoryMB", endpoint.MemoryMB, "1024, 2048, 3072, 4096, 5120 or 6144");
        prices ??= PriceTable.Default;
        var gbSeconds = traffic.RequestsPerMonth * traffic.AverageDuration.TotalSeconds * endpoint.MemoryMB / 1024.0;
        var compute = prices.Find("sagemaker-serverless", "compute", endpoint.Region);
        var lines = new List<CostLine> { new("compute", gbSeconds, "GB-second", compute.Charge(gbSeconds), compute) };
        AddDataProcessing(lines, traffic, prices, "sagemaker-serverless", endpoint.Region);
        return new CostEstimate("SageMaker serverless", endpoint.Region, lines,
        [
            $"{Count(traffic.RequestsPerMonth)} requests × {traffic.AverageDuration.TotalMilliseconds:0.#} ms × {endpoint.MemoryMB} MB",
            "no provisioned concurrency; cold starts not billed separately",
        ]);
    }

    public static CostEstimate RealTime(InferenceTraffic traffic, RealTimeDeployment endpoint, PriceTable? prices = null)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(endpoint);
        traffic.Validate();
        Require(endpoint.InstanceCount > 0 && double.IsFinite(endpoint.InstanceCount), "RealTimeDeployment.InstanceCount", endpoint.InstanceCount, "a positive number");
        Require(endpoint.HoursPerMonth is > 0 and <= 744, "RealTimeDeployment.HoursPerMonth", endpoint.HoursPerMonth, "between 0 and 744");
        prices ??= PriceTable.Default;
        var instance = prices.Find("sagemaker-realtime", endpoint.InstanceType, endpoint.Region);
        var hours = endpoint.InstanceCount * endpoint.HoursPerMonth;
        var lines = new List<CostLine> { new("instances", hours, "instance-hour", instance.Charge(hours), instance) };
        AddDataProcessing(lines, traffic, prices, "sagemaker-realtime", endpoint.Region);
        return new CostEstimate($"SageMaker real-time ({endpoint.InstanceType})", endpoint.Region, lines,
        [
            $"{endpoint.InstanceCount.ToString("0.##", CultureInfo.InvariantCulture)} × {endpoint.InstanceType} for {endpoint.HoursPerMonth:0} hours",
            "on-demand prices; no savings plan",
        ]);
    }

    /// <summary>The three options side by side for the same traffic.</summary>
    public static CostComparison Compare(
        InferenceTraffic traffic,
        LambdaDeployment? lambda = null,
        ServerlessInferenceDeployment? serverless = null,
        RealTimeDeployment? realTime = null,
        PriceTable? prices = null)
    {
        var estimates = new List<CostEstimate>();
        if (lambda is not null)
        {
            estimates.Add(Lambda(traffic, lambda, prices));
        }

        if (serverless is not null)
        {
            estimates.Add(ServerlessInference(traffic, serverless, prices));
        }

        if (realTime is not null)
        {
            estimates.Add(RealTime(traffic, realTime, prices));
        }

        if (estimates.Count == 0)
        {
            throw new ArgumentException("Give at least one deployment option to compare.");
        }

        return new CostComparison(traffic, estimates);
    }

    private static void AddDataProcessing(List<CostLine> lines, InferenceTraffic traffic, PriceTable prices, string service, string region)
    {
        var gb = traffic.PayloadGB;
        if (gb > 0)
        {
            var price = prices.Find(service, "data-processing", region);
            lines.Add(new CostLine("data processing", gb, "GB", price.Charge(gb), price));
        }
    }

    private static void Require(bool ok, string field, object value, string expected)
    {
        if (!ok)
        {
            throw new ArgumentException($"{field} is {Convert.ToString(value, CultureInfo.InvariantCulture)}; it must be {expected}.", field);
        }
    }

    private static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
