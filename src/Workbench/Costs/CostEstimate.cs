using System.Globalization;

namespace Workbench.Costs;

/// <summary>One charge: how much of what, at which price, for how much.</summary>
public sealed record CostLine(string Item, double Quantity, string Unit, double Amount, PriceEntry Price)
{
    /// <summary>As an AWS bill shows it: rounded to the cent.</summary>
    public decimal BilledAmount => Math.Round((decimal)Amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Cents for amounts of 10 cents or more, four decimals below (so 0.0264 stays visible).</summary>
    public string Display => CostFormat.Usd(Amount);
}

/// <summary>What one deployment option costs a month, line by line, with the assumptions behind it.</summary>
public sealed record CostEstimate(string Option, string Region, IReadOnlyList<CostLine> Lines, IReadOnlyList<string> Assumptions)
{
    /// <summary>The exact sum of the lines.</summary>
    public double Total => Lines.Sum(l => l.Amount);

    /// <summary>The sum of the lines each rounded to the cent, as the bill totals them.</summary>
    public decimal BilledTotal => Lines.Sum(l => l.BilledAmount);

    public CostLine Line(string item) =>
        Lines.FirstOrDefault(l => l.Item == item) ?? throw new KeyNotFoundException($"{Option} has no line '{item}'; lines: {string.Join(", ", Lines.Select(l => l.Item))}.");

    public override string ToString() =>
        $"{Option} ({Region}): " + string.Join(" + ", Lines.Select(l => $"{l.Display} {l.Item}")) +
        $" = {BilledTotal.ToString("0.00", CultureInfo.InvariantCulture)} USD/month";
}

/// <summary>Estimates of several options for the same traffic.</summary>
public sealed record CostComparison(InferenceTraffic Traffic, IReadOnlyList<CostEstimate> Estimates)
{
    public CostEstimate Cheapest => Estimates.MinBy(e => e.BilledTotal) ?? throw new InvalidOperationException("No estimates to compare.");
}

internal static class CostFormat
{
    public static string Usd(double amount) =>
        Math.Abs(amount) >= 0.10 || amount == 0
            ? Math.Round((decimal)amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture)
            : amount.ToString("0.0000", CultureInfo.InvariantCulture);
}
