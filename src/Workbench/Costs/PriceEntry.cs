namespace Workbench.Costs;

/// <summary>A price band: <see cref="UsdPerUnit"/> for usage up to <see cref="UpTo"/> units a month (null: no limit).</summary>
public sealed record PriceTier(double? UpTo, double UsdPerUnit);

/// <summary>One dated price: what it is for, where, per what unit, and where the figure came from.</summary>
/// <param name="Service"><c>lambda</c>, <c>sagemaker-serverless</c>, <c>sagemaker-realtime</c>, ...</param>
/// <param name="Item">e.g. <c>requests</c>, <c>compute-x86_64</c>, <c>ml.m5.large</c>.</param>
/// <param name="Region">The AWS region the price applies in.</param>
/// <param name="Unit">e.g. <c>request</c>, <c>GB-second</c>, <c>instance-hour</c>, <c>GB</c>.</param>
/// <param name="UsdPerUnit">The first-tier price.</param>
/// <param name="Source">Where the figure comes from (a URL, a contract, a note).</param>
/// <param name="Date">When the figure was recorded.</param>
/// <param name="Tiers">Monthly volume tiers, in order; empty when the price is flat.</param>
public sealed record PriceEntry(
    string Service,
    string Item,
    string Region,
    string Unit,
    double UsdPerUnit,
    string Source,
    DateOnly Date,
    IReadOnlyList<PriceTier> Tiers)
{
    /// <summary>The charge for <paramref name="quantity"/> units in a month, walking the tiers.</summary>
    public double Charge(double quantity)
    {
        if (Tiers.Count == 0)
        {
            return quantity * UsdPerUnit;
        }

        var total = 0.0;
        var floor = 0.0;
        foreach (var tier in Tiers)
        {
            var ceiling = tier.UpTo ?? double.PositiveInfinity;
            var inTier = Math.Max(0, Math.Min(quantity, ceiling) - floor);
            total += inTier * tier.UsdPerUnit;
            floor = ceiling;
            if (quantity <= ceiling)
            {
                break;
            }
        }

        return total;
    }
}

/// <summary>A free quantity: the Lambda free tier, or the 512 MB of ephemeral storage every function has.</summary>
public sealed record Allowance(string Service, string Item, double Quantity, string Unit, string Period, string Source);
