using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Costs;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench costs</c>: what a deployment costs a month on Lambda, SageMaker serverless and real-time instances.</summary>
public static class CostsCommands
{
    public static Command Create()
    {
        var costs = new Command("costs", "Estimate the monthly cost of serving a model on AWS Lambda, SageMaker serverless inference or real-time instances.");
        costs.Subcommands.Add(Estimate());
        costs.Subcommands.Add(ExportPrices());
        return costs;
    }

    private static Command Estimate()
    {
        var requests = new Option<double>("--requests") { Description = "Requests per month.", Required = true };
        var duration = new Option<double>("--duration-ms") { Description = "Average model time per request, in milliseconds.", Required = true };
        var memory = new Option<int?>("--lambda-memory-mb") { Description = "Lambda memory (128-10240 MB); omit to leave Lambda out." };
        var ephemeral = new Option<int>("--lambda-ephemeral-mb") { Description = "Lambda /tmp size (512 MB included).", DefaultValueFactory = _ => 512 };
        var arm = new Option<bool>("--lambda-arm") { Description = "Price Lambda on Arm (Graviton)." };
        var freeTier = new Option<bool>("--free-tier") { Description = "Subtract Lambda's monthly free tier." };
        var serverless = new Option<int?>("--serverless-memory-mb") { Description = "SageMaker serverless memory (1024-6144 in 1 GB steps); omit to leave it out." };
        var instanceType = new Option<string?>("--instance-type") { Description = "SageMaker real-time instance type, e.g. ml.m5.large; omit to leave it out." };
        var instances = new Option<double>("--instances") { Description = "Real-time instance count (average, may be fractional).", DefaultValueFactory = _ => 1 };
        var hours = new Option<double>("--hours") { Description = "Hours the instances run per month.", DefaultValueFactory = _ => 730 };
        var requestKb = new Option<double>("--request-kb") { Description = "Average request payload (KB), for SageMaker data processing." };
        var responseKb = new Option<double>("--response-kb") { Description = "Average response payload (KB)." };
        var region = new Option<string>("--region") { Description = "AWS region of the prices.", DefaultValueFactory = _ => "us-east-1" };
        var prices = new Option<FileInfo?>("--prices") { Description = "A price table JSON (see `workbench costs export-prices`); the built-in table when omitted." };
        var command = new Command("estimate", "Monthly cost of each deployment option for the same traffic, line by line.")
        {
            requests, duration, memory, ephemeral, arm, freeTier, serverless, instanceType, instances, hours, requestKb, responseKb, region, prices,
        };
        command.SetAction(result =>
        {
            var output = Output(result);
            try
            {
                var table = result.GetValue(prices) is { } file ? PriceTable.Load(file.FullName) : PriceTable.Default;
                var traffic = new InferenceTraffic
                {
                    RequestsPerMonth = result.GetValue(requests),
                    AverageDuration = TimeSpan.FromMilliseconds(result.GetValue(duration)),
                    AverageRequestKB = result.GetValue(requestKb),
                    AverageResponseKB = result.GetValue(responseKb),
                };
                var where = result.GetValue(region)!;
                var comparison = DeploymentCosts.Compare(
                    traffic,
                    result.GetValue(memory) is { } mb
                        ? new LambdaDeployment { MemoryMB = mb, EphemeralStorageMB = result.GetValue(ephemeral), Architecture = result.GetValue(arm) ? "arm64" : "x86_64", ApplyFreeTier = result.GetValue(freeTier), Region = where }
                        : null,
                    result.GetValue(serverless) is { } serverlessMb ? new ServerlessInferenceDeployment { MemoryMB = serverlessMb, Region = where } : null,
                    result.GetValue(instanceType) is { } type ? new RealTimeDeployment { InstanceType = type, InstanceCount = result.GetValue(instances), HoursPerMonth = result.GetValue(hours), Region = where } : null,
                    table);
                Write(output, comparison);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidDataException or FileNotFoundException)
            {
                result.InvocationConfiguration.Error.WriteLine($"workbench costs estimate: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command ExportPrices()
    {
        var path = new Argument<FileInfo>("path") { Description = "Where to write the built-in price table, to edit and pass back with --prices." };
        var command = new Command("export-prices", "Write the built-in, dated price table as editable JSON.") { path };
        command.SetAction(result =>
        {
            var file = result.GetValue(path)!;
            PriceTable.Default.Save(file.FullName);
            result.InvocationConfiguration.Output.WriteLine($"Wrote {PriceTable.Default.Prices.Count} prices to {file.FullName}.");
            return 0;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, CostComparison comparison)
    {
        var cheapest = comparison.Cheapest;
        foreach (var estimate in comparison.Estimates)
        {
            var table = new Table { Title = new TableTitle(Markup.Escape($"{estimate.Option} ({estimate.Region})")) };
            table.AddColumns("charge", "quantity", "unit", "USD");
            table.Columns[1].RightAligned();
            table.Columns[3].RightAligned();
            foreach (var line in estimate.Lines)
            {
                table.AddRow(Markup.Escape(line.Item), line.Quantity.ToString("#,0.###", CultureInfo.InvariantCulture), line.Unit, line.Display);
            }

            var total = estimate.BilledTotal.ToString("0.00", CultureInfo.InvariantCulture);
            table.AddRow("[bold]total[/]", string.Empty, "per month", ReferenceEquals(estimate, cheapest) ? $"[green bold]{total}[/]" : $"[bold]{total}[/]");
            table.Caption = new TableTitle(Markup.Escape(string.Join("; ", estimate.Assumptions)));
            console.Write(table);
        }

        console.MarkupLine($"Cheapest: [green]{Markup.Escape(cheapest.Option)}[/] at {cheapest.BilledTotal.ToString("0.00", CultureInfo.InvariantCulture)} USD per month.");
    }

    internal static IAnsiConsole Output(ParseResult result) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(result.InvocationConfiguration.Output),
        Ansi = ReferenceEquals(result.InvocationConfiguration.Output, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(result.InvocationConfiguration.Output, Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });
}
