using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Costs;

/// <summary>
/// Prices as dated, editable data. <see cref="Default"/> is the table embedded in the library; <see cref="Load"/>
/// reads a user's own (same JSON layout: export the default with <see cref="Save"/> and edit it).
/// </summary>
public sealed class PriceTable
{
    private static readonly Lazy<PriceTable> DefaultTable = new(LoadDefault);

    private PriceTable(string source, string currency, IReadOnlyList<PriceEntry> prices, IReadOnlyList<Allowance> allowances)
    {
        Source = source;
        Currency = currency;
        Prices = prices;
        Allowances = allowances;
    }

    /// <summary>The embedded default table (us-east-1 list prices; see its notes).</summary>
    public static PriceTable Default => DefaultTable.Value;

    /// <summary>Where the table came from, for messages.</summary>
    public string Source { get; }

    public string Currency { get; }

    public IReadOnlyList<PriceEntry> Prices { get; }

    public IReadOnlyList<Allowance> Allowances { get; }

    public static PriceTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Price table {path} does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a table; every problem names the entry and field.</summary>
    public static PriceTable Parse(string json, string source)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: the price table must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        var currency = root["currency"]?.GetValue<string>() ?? "USD";
        if (currency != "USD")
        {
            throw new InvalidDataException($"{source}: currency is {currency}; Workbench's estimates are in USD.");
        }

        var prices = (root["prices"] as JsonArray ?? throw new InvalidDataException($"{source}: 'prices' (a list) is missing."))
            .Select((node, i) => ReadPrice(node as JsonObject ?? throw new InvalidDataException($"{source}: prices[{i}] is not an object."), $"{source}: prices[{i}]"))
            .ToArray();
        var duplicates = prices.GroupBy(p => (p.Service, p.Item, p.Region)).FirstOrDefault(g => g.Count() > 1);
        if (duplicates is not null)
        {
            throw new InvalidDataException($"{source}: {duplicates.Key.Service}/{duplicates.Key.Item} in {duplicates.Key.Region} is priced {duplicates.Count()} times.");
        }

        var allowances = (root["allowances"] as JsonArray ?? [])
            .Select((node, i) =>
            {
                var entry = node as JsonObject ?? throw new InvalidDataException($"{source}: allowances[{i}] is not an object.");
                var where = $"{source}: allowances[{i}]";
                return new Allowance(Text(entry, "service", where), Text(entry, "item", where), Number(entry, "quantity", where), Text(entry, "unit", where), Text(entry, "period", where), Text(entry, "source", where));
            })
            .ToArray();
        return new PriceTable(source, currency, prices, allowances);
    }

    public PriceEntry Find(string service, string item, string region)
    {
        var entry = Prices.FirstOrDefault(p => p.Service == service && p.Item == item && p.Region == region);
        if (entry is not null)
        {
            return entry;
        }

        var regions = Prices.Where(p => p.Service == service && p.Item == item).Select(p => p.Region).ToArray();
        var items = Prices.Where(p => p.Service == service && p.Region == region).Select(p => p.Item).ToArray();
        var hint = regions.Length > 0
            ? $"It is priced in: {string.Join(", ", regions)}."
            : items.Length > 0 ? $"Priced {service} items in {region}: {string.Join(", ", items)}." : $"The table has no {service} prices for {region}.";
        throw new KeyNotFoundException($"No price for {service} '{item}' in {region} in {Source}. {hint} Add it to a copy of the table (PriceTable.Save) and load that.");
    }

    public Allowance? FindAllowance(string service, string item) =>
        Allowances.FirstOrDefault(a => a.Service == service && a.Item == item);

    /// <summary>A copy with <paramref name="entry"/> added, or replacing the entry with the same service, item and region.</summary>
    public PriceTable With(PriceEntry entry) =>
        new($"{Source} (edited)", Currency,
            Prices.Where(p => (p.Service, p.Item, p.Region) != (entry.Service, entry.Item, entry.Region)).Append(entry).ToArray(),
            Allowances);

    /// <summary>Writes the table as editable JSON (to a temporary file, then renamed, so a crash never leaves half a table).</summary>
    public void Save(string path)
    {
        var prices = new JsonArray(Prices.Select(p =>
        {
            var entry = new JsonObject
            {
                ["service"] = p.Service, ["item"] = p.Item, ["region"] = p.Region, ["unit"] = p.Unit, ["usd"] = p.UsdPerUnit,
                ["source"] = p.Source, ["date"] = p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            if (p.Tiers.Count > 0)
            {
                entry["tiers"] = new JsonArray(p.Tiers.Select(t => (JsonNode)(t.UpTo is { } upTo
                    ? new JsonObject { ["upTo"] = upTo, ["usd"] = t.UsdPerUnit }
                    : new JsonObject { ["usd"] = t.UsdPerUnit })).ToArray());
            }

            return (JsonNode)entry;
        }).ToArray());
        var allowances = new JsonArray(Allowances.Select(a => (JsonNode)new JsonObject
        {
            ["service"] = a.Service, ["item"] = a.Item, ["quantity"] = a.Quantity, ["unit"] = a.Unit, ["period"] = a.Period, ["source"] = a.Source,
        }).ToArray());
        var root = new JsonObject { ["name"] = $"Exported from {Source}", ["currency"] = Currency, ["prices"] = prices, ["allowances"] = allowances };
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, full, overwrite: true);
    }

    private static PriceEntry ReadPrice(JsonObject entry, string where)
    {
        var usd = Number(entry, "usd", where);
        var dateText = Text(entry, "date", where);
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"{where}.date is '{dateText}'; write it as yyyy-MM-dd.");
        }

        var tiers = (entry["tiers"] as JsonArray ?? [])
            .Select((node, i) =>
            {
                var tier = node as JsonObject ?? throw new InvalidDataException($"{where}.tiers[{i}] is not an object.");
                double? upTo = tier["upTo"] is null ? null : Number(tier, "upTo", $"{where}.tiers[{i}]");
                return new PriceTier(upTo, Number(tier, "usd", $"{where}.tiers[{i}]"));
            })
            .ToArray();
        for (var i = 0; i < tiers.Length; i++)
        {
            var last = i == tiers.Length - 1;
            if ((tiers[i].UpTo is null) != last || (i > 0 && tiers[i].UpTo <= tiers[i - 1].UpTo))
            {
                throw new InvalidDataException($"{where}.tiers: every tier but the last needs an increasing 'upTo', and the last none.");
            }
        }

        return new PriceEntry(Text(entry, "service", where), Text(entry, "item", where), Text(entry, "region", where), Text(entry, "unit", where), usd, Text(entry, "source", where), date, tiers);
    }

    private static string Text(JsonObject entry, string field, string where) =>
        entry[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{where}.{field} is missing or empty.");

    private static double Number(JsonObject entry, string field, string where)
    {
        if (entry[field] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            throw new InvalidDataException($"{where}.{field} must be a number.");
        }

        var number = value.GetValue<double>();
        return double.IsFinite(number) && number >= 0 ? number : throw new InvalidDataException($"{where}.{field} is {number}; it must be 0 or more.");
    }

    private static PriceTable LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Workbench.Costs.prices.json")
            ?? throw new InvalidOperationException("The default price table is not embedded in the Workbench assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "Workbench default price table");
    }
}
