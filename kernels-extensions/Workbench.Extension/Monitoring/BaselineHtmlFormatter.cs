using System.Globalization;
using Workbench.Extension.Html;
using Workbench.Monitoring.Baselines;

namespace Workbench.Extension.Monitoring;

/// <summary>A baseline: one row per column with kind, role, missing share, range or top labels, and its constraint.</summary>
public sealed class BaselineHtmlFormatter : HtmlFormatter<Baseline>
{
    protected override bool Format(Baseline value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w =>
        {
            var table = new HtmlTable { Caption = value.ToString(), CssClass = "wb-table wb-baseline" }
                .Header("column", "type", "kind", "role", "missing", "distinct", "distribution", "completeness ≥", "domain");
            foreach (var column in value.Columns)
            {
                var constraint = value.Constraints.Find(column.Name);
                var distribution = column.Numeric is { } n
                    ? string.Create(CultureInfo.InvariantCulture, $"[{HtmlText.Number(n.Min)}, {HtmlText.Number(n.Max)}], mean {HtmlText.Number(n.Mean)}, std {HtmlText.Number(n.StdDev)}")
                    : column.Categories is { } c
                        ? string.Join(", ", c.Counts.Take(4).Select(p => $"{p.Key} {(double)p.Value / Math.Max(1, column.Present):P0}")) + (c.Counts.Count > 4 ? ", …" : "")
                        : column.MinTime is { } first ? $"{first:yyyy-MM-dd HH:mm} … {column.MaxTime:yyyy-MM-dd HH:mm}" : "";
                table.Row(
                    column.Name, column.Type.ToString(), column.Kind.ToString(), column.Role.ToString(),
                    column.MissingShare.ToString("P1", CultureInfo.InvariantCulture), column.Distinct.ToString("N0", CultureInfo.InvariantCulture),
                    distribution, constraint?.Completeness is { } completeness ? HtmlText.Number(completeness) : "",
                    constraint?.Domains is { } domains ? $"{domains.Count} labels" : "");
            }

            table.WriteTo(w);
        });
        return true;
    }
}
