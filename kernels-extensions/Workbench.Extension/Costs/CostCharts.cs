using System.Globalization;
using Workbench.Costs;
using Workbench.Data.Plots;

namespace Workbench.Extension.Costs;

/// <summary>Figures for cost estimates: one horizontal bar per deployment option, stacked by charge.</summary>
public static class CostCharts
{
    public static Figure Comparison(CostComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var options = comparison.Estimates.Select(e => e.Option).ToArray();
        var items = comparison.Estimates.SelectMany(e => e.Lines.Select(l => l.Item)).Distinct().ToArray();
        var figure = new Figure()
            .WithTitle($"Monthly cost at {comparison.Traffic.RequestsPerMonth.ToString("#,0", CultureInfo.InvariantCulture)} requests × {comparison.Traffic.AverageDuration.TotalMilliseconds:0.#} ms")
            .WithXAxis("USD per month")
            .WithSize(null, Math.Max(260, 90 + (70 * options.Length)));
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var amounts = comparison.Estimates.Select(e => e.Lines.Where(l => l.Item == item).Sum(l => l.Amount)).ToArray();
            figure.Add(new BarTrace
            {
                Name = item,
                X = amounts,
                Y = options,
                Orientation = Orientation.Horizontal,
                Text = comparison.Estimates.Select(e => e.Lines.FirstOrDefault(l => l.Item == item)?.Display).ToArray(),
                TextPosition = "none",
                HoverTemplate = $"%{{y}}<br>{item}: %{{text}} USD<extra></extra>",
                Marker = { Color = Palette.At(i) },
            });
        }

        figure.Layout.BarMode = BarMode.Stack;
        figure.Layout.Legend.Orientation = Orientation.Horizontal;
        foreach (var estimate in comparison.Estimates)
        {
            figure.Layout.Annotations.Add(new Annotation
            {
                Text = $"{estimate.BilledTotal.ToString("0.00", CultureInfo.InvariantCulture)} USD",
                X = estimate.Total,
                XRef = "x",
                YRef = "y",
                XAnchor = "left",
                Y = Array.IndexOf(options, estimate.Option),
            });
        }

        return figure;
    }
}
