using Workbench.Costs;
using Workbench.Testing;

namespace Workbench.Tests.Costs;

public sealed class PriceTableTests
{
    [Fact]
    public void Every_default_price_says_where_it_applies_what_unit_where_it_came_from_and_when()
    {
        var table = PriceTable.Default;

        table.Prices.Should().NotBeEmpty();
        table.Prices.Should().OnlyContain(p => p.Region.Length > 0 && p.Unit.Length > 0 && p.Source.Length > 0 && p.UsdPerUnit > 0);
        table.Prices.Should().OnlyContain(p => p.Date.Year >= 2024);
        table.Find("lambda", "compute-x86_64", "us-east-1").UsdPerUnit.Should().Be(0.0000166667);
        table.Find("lambda", "ephemeral-storage", "us-east-1").Source.Should().Contain("architecture notes");
        table.FindAllowance("lambda", "compute")!.Quantity.Should().Be(400_000);
    }

    [Fact]
    public void A_saved_table_loads_back_identical_and_a_user_edit_changes_the_estimate()
    {
        using var temp = new TempDirectory();
        var path = temp.File("prices.json");
        PriceTable.Default.Save(path);
        var loaded = PriceTable.Load(path);

        loaded.Prices.Should().BeEquivalentTo(PriceTable.Default.Prices);
        loaded.Allowances.Should().BeEquivalentTo(PriceTable.Default.Allowances);
        Directory.GetFiles(temp.Path).Should().ContainSingle("the save leaves no temporary file");

        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        json["prices"]!.AsArray().Single(p => p!["item"]!.GetValue<string>() == "ephemeral-storage")!["usd"] = 0.0000000309;
        File.WriteAllText(path, json.ToJsonString());
        var storage = DeploymentCosts.Lambda(
            new InferenceTraffic { RequestsPerMonth = 1_000_000, AverageDuration = TimeSpan.FromMilliseconds(500) },
            new LambdaDeployment { MemoryMB = 2048, EphemeralStorageMB = 2048 },
            PriceTable.Load(path)).Line("ephemeral storage");
        storage.Amount.Should().BeApproximately(0.023175, 1e-12);
    }

    [Fact]
    public void With_adds_a_region_without_touching_the_default()
    {
        var frankfurt = new PriceEntry("sagemaker-realtime", "ml.m5.large", "eu-central-1", "instance-hour", 0.138, "my contract", new DateOnly(2026, 1, 1), []);

        var table = PriceTable.Default.With(frankfurt);

        table.Find("sagemaker-realtime", "ml.m5.large", "eu-central-1").UsdPerUnit.Should().Be(0.138);
        var untouched = () => PriceTable.Default.Find("sagemaker-realtime", "ml.m5.large", "eu-central-1");
        untouched.Should().Throw<KeyNotFoundException>();
    }

    [Theory]
    [InlineData("""{ "prices": [ { "service": "lambda", "item": "requests", "region": "us-east-1", "unit": "request", "usd": 0.0000002, "source": "x" } ] }""", "prices[0].date")]
    [InlineData("""{ "prices": [ { "service": "lambda", "item": "requests", "region": "us-east-1", "unit": "request", "usd": 0.0000002, "source": "x", "date": "1 May 2024" } ] }""", "yyyy-MM-dd")]
    [InlineData("""{ "prices": [ { "service": "lambda", "item": "requests", "region": "us-east-1", "unit": "request", "usd": -1, "source": "x", "date": "2024-05-01" } ] }""", "prices[0].usd")]
    [InlineData("""{ "prices": [ { "service": "lambda", "item": "requests", "region": "", "unit": "request", "usd": 1, "source": "x", "date": "2024-05-01" } ] }""", "prices[0].region")]
    [InlineData("""{ "prices": [ { "service": "s", "item": "i", "region": "r", "unit": "u", "usd": 1, "source": "x", "date": "2024-05-01", "tiers": [ { "usd": 1 }, { "upTo": 5, "usd": 2 } ] } ] }""", "prices[0].tiers")]
    [InlineData("""{ "prices": [ { "service": "s", "item": "i", "region": "r", "unit": "u", "usd": 1, "source": "x", "date": "2024-05-01" }, { "service": "s", "item": "i", "region": "r", "unit": "u", "usd": 2, "source": "y", "date": "2024-05-01" } ] }""", "priced 2 times")]
    [InlineData("""{ "currency": "EUR", "prices": [] }""", "USD")]
    [InlineData("""{ "prices": [ }""", "not valid JSON")]
    public void A_bad_table_is_refused_naming_the_entry_and_field(string json, string message)
    {
        var parse = () => PriceTable.Parse(json, "my-prices.json");

        parse.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("my-prices.json").And.Contain(message);
    }
}
