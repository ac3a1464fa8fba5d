using System.Globalization;
using Workbench.Extension.Html;

namespace Workbench.Extension.Features;

/// <summary>Styles and small pieces shared by the feature renderers: column chips, the transform chain, name lists.</summary>
internal static class FeaturesHtml
{
    public const string Css = """
        <style>
        .wb .wb-chip{display:inline-block;border:1px solid #d0d7de;border-radius:10px;padding:0 6px;margin:1px;font-size:12px;background:#f6f8fa;white-space:nowrap}
        .wb .wb-chain{display:flex;align-items:center;flex-wrap:wrap;gap:4px}
        .wb .wb-step{border:1px solid #0969da;border-radius:4px;padding:1px 6px;background:#ddf4ff;white-space:nowrap}
        .wb .wb-arrow{color:#656d76}
        .wb .wb-pipeline td{vertical-align:top;text-align:left;white-space:normal}
        .wb .wb-pipeline td.wb-count{text-align:right;white-space:nowrap}
        .wb .wb-anomalies td{text-align:left;white-space:normal;vertical-align:top}
        .wb .wb-anomalies td.wb-count{text-align:right;white-space:nowrap}
        .wb .wb-fraction{display:inline-block;height:8px;background:#cf222e;vertical-align:middle;margin-right:4px}
        .wb tr.wb-warn .wb-fraction{background:#9a6700}
        .wb details summary{cursor:pointer;color:#0969da}
        .wb .wb-names{max-width:420px;min-width:160px}
        .wb .wb-nowrap{white-space:nowrap}
        </style>
        """;

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => fraction.ToString("P1", CultureInfo.InvariantCulture);

    public static string Chips(IEnumerable<string> items) => string.Concat(items.Select(i => $"<span class=\"wb-chip\">{HtmlText.Encode(i)}</span>"));

    /// <summary>Boxes joined by arrows: "columns → SimpleImputer → StandardScaler".</summary>
    public static string Chain(IEnumerable<string> steps) =>
        "<div class=\"wb-chain\">" + string.Join("<span class=\"wb-arrow\">→</span>", steps.Select(s => $"<span class=\"wb-step\">{HtmlText.Encode(s)}</span>")) + "</div>";

    /// <summary>The first names as chips, the rest behind a "N more" disclosure (names of hashed blocks are never listed).</summary>
    public static string Names(IReadOnlyList<string> names, int shown = 8)
    {
        if (names.Count <= shown)
        {
            return $"<div class=\"wb-names\">{Chips(names)}</div>";
        }

        var rest = names.Count > 2000 ? $"<span class=\"wb-muted\">{Count(names.Count - shown)} more, not listed</span>"
            : $"<details><summary>{Count(names.Count - shown)} more</summary>{Chips(names.Skip(shown))}</details>";
        return $"<div class=\"wb-names\">{Chips(names.Take(shown))}{rest}</div>";
    }
}
