using System.Globalization;
using Workbench.Data;
using Workbench.Data.Plots;
using Workbench.Data.Profiling;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>
/// A profile as HTML: an overview, the warnings, the relation to the target, a card per column with its
/// statistics and distribution (Plotly, drawn from pre-binned counts so the output stays small), and the
/// correlation heatmap with the strongest pairs.
/// </summary>
internal static class ProfileHtml
{
    private const int CardFigureHeight = 200;
    private const int TopPairs = 10;
    private const int TopFeatures = 15;

    private const string Css = """
        <style>
        .wb .wb-profile h4{margin:10px 0 4px 0;font-size:14px}
        .wb .wb-profile .wb-card{width:360px}
        .wb .wb-profile .wb-card .wb-table{width:100%;table-layout:fixed}
        .wb .wb-profile .wb-card .wb-table td{text-align:right;white-space:normal;overflow-wrap:anywhere}
        .wb .wb-profile .wb-card .wb-table td:first-child{text-align:left}
        .wb .wb-profile .wb-type{background:#ddf4ff;color:#0969da}
        .wb .wb-profile ul.wb-warnings{margin:2px 0;padding-left:18px}
        </style>
        """;

    public static void Write(TextWriter writer, FrameProfile profile, FormatterSession session)
    {
        writer.Write(Css);
        writer.Write("<div class=\"wb-profile\">");
        WriteOverview(writer, profile);
        WriteWarnings(writer, profile.Warnings);
        if (profile.Target is { } target)
        {
            WriteTarget(writer, target, session);
        }

        writer.Write("<h4>Columns</h4><div>");
        foreach (var column in profile.Columns)
        {
            WriteCard(writer, column, session);
        }

        writer.Write("</div>");
        if (profile.Pearson.Names.Count > 1)
        {
            WriteCorrelations(writer, profile.Pearson, profile.Spearman, session);
        }

        writer.Write("</div>");
    }

    public static void WriteCard(TextWriter writer, ColumnProfile column, FormatterSession session)
    {
        writer.Write("<div class=\"wb-card\">");
        writer.Write($"<b>{HtmlText.Encode(column.Name)}</b> <span class=\"wb-badge wb-type\">{HtmlText.Encode(column.Type.DisplayName())}</span>");
        var table = new HtmlTable();
        table.Row("present", Count(column.Count));
        table.RawRow(column.Missing > 0 ? "wb-warn" : null, "missing", HtmlText.Encode($"{Count(column.Missing)} ({Percent(column.MissingFraction, 1)})"));
        table.Row("distinct", Count(column.Distinct));
        if (column.NaNCount > 0)
        {
            table.RawRow("wb-warn", "NaN values", Count(column.NaNCount));
        }

        if (column.Mean is not null)
        {
            table.Row("mean", Number(column.Mean));
            table.Row("std", Number(column.Std));
            table.Row("min", Number(column.Min));
            table.Row("25% / 50% / 75%", $"{Number(column.Q25)} / {Number(column.Median)} / {Number(column.Q75)}");
            table.Row("max", Number(column.Max));
            table.Row("skew", Number(column.Skew));
        }
        else if (column.FirstDate is { } first)
        {
            table.Row("first", DateTimeColumn.FormatIso(first));
            table.Row("last", DateTimeColumn.FormatIso(column.LastDate!.Value));
        }
        else if (column.TopValues.Count > 0)
        {
            var top = column.TopValues[0];
            table.Row("most frequent", $"{top.Value} ({Count(top.Count)})");
        }

        table.WriteTo(writer);
        if (column.Histogram is not null || column.TopValues.Count > 0)
        {
            session.Plotly.Write(writer, Compact(column.ToFigure(CardFigureHeight)).ToJson(), CardFigureHeight);
        }

        writer.Write("</div>");
    }

    /// <summary>The heatmap of <paramref name="pearson"/> (any method) and its strongest pairs, with Spearman's values beside when given.</summary>
    public static void WriteCorrelations(TextWriter writer, CorrelationMatrix pearson, CorrelationMatrix? spearman, FormatterSession session)
    {
        writer.Write("<h4>Correlations</h4>");
        var figure = pearson.ToFigure();
        session.Plotly.Write(writer, figure.ToJson(), figure.SuggestedHeight);
        string[] headers = spearman is null
            ? ["column", "column", pearson.Method == "spearman" ? "Spearman ρ" : "Pearson r"]
            : ["column", "column", "Pearson r", "Spearman ρ"];
        var table = new HtmlTable { Caption = "Strongest pairs (pairwise-complete)" }.Header(headers);
        foreach (var (a, b, r) in pearson.Pairs().Take(TopPairs))
        {
            var strong = Math.Abs(r) >= 0.9 ? "wb-warn" : null;
            string[] cells = spearman is null
                ? [HtmlText.Encode(a), HtmlText.Encode(b), HtmlText.Encode(Number(r))]
                : [HtmlText.Encode(a), HtmlText.Encode(b), HtmlText.Encode(Number(r)), HtmlText.Encode(Number(spearman[a, b]))];
            table.RawRow(strong, cells);
        }

        table.WriteTo(writer);
    }

    private static void WriteOverview(TextWriter writer, FrameProfile profile)
    {
        var types = profile.Columns.GroupBy(c => c.Type.DisplayName()).Select(g => $"{g.Count()} {g.Key}");
        var table = new HtmlTable { Caption = "Profile" }
            .Row("rows", Count(profile.RowCount))
            .Row("columns", $"{Count(profile.ColumnCount)} ({string.Join(", ", types)})")
            .Row("missing cells", Percent(profile.MissingCellFraction, 2))
            .Row("duplicate rows", profile.DuplicateRows is { } d ? Count(d) : "not counted");
        table.WriteTo(writer);
    }

    private static void WriteWarnings(TextWriter writer, IReadOnlyList<ProfileWarning> warnings)
    {
        if (warnings.Count == 0)
        {
            writer.Write("<div class=\"wb-muted\">No warnings.</div>");
            return;
        }

        writer.Write($"<h4>Warnings ({warnings.Count})</h4><ul class=\"wb-warnings\">");
        foreach (var warning in warnings)
        {
            writer.Write($"<li><span class=\"wb-badge wb-warn\">{HtmlText.Encode(warning.Kind.ToString())}</span> {HtmlText.Encode(warning.Message)}</li>");
        }

        writer.Write("</ul>");
    }

    private static void WriteTarget(TextWriter writer, TargetRelation target, FormatterSession session)
    {
        writer.Write($"<h4>Relation to the target '{HtmlText.Encode(target.Target)}'</h4>");
        if (target.IsCategorical && target.ClassBalance.Count > 0)
        {
            var total = target.ClassBalance.Sum(c => c.Count);
            var balance = new HtmlTable { Caption = "Class balance" }.Header("class", "rows", "share");
            foreach (var c in target.ClassBalance)
            {
                balance.Row(c.Value, Count(c.Count), Percent((double)c.Count / total, 1));
            }

            balance.WriteTo(writer);
        }

        var features = target.Features.Where(f => !double.IsNaN(f.Strength)).Take(TopFeatures).ToArray();
        if (features.Length == 0)
        {
            return;
        }

        var figure = Plot.Bar(
            features.Reverse().Select(f => $"{f.Column} ({Measure(f.Measure)})").ToArray(),
            features.Reverse().Select(f => f.Strength).ToArray(),
            title: "Association with the target (0 = none, 1 = complete)", horizontal: true);
        figure.Layout.Height = Math.Max(240, 60 + (22 * features.Length));
        figure.Layout.XAxis.Range = new[] { 0.0, 1.0 };
        figure.Layout.Set("margin", new System.Text.Json.Nodes.JsonObject { ["l"] = 220 });
        session.Plotly.Write(writer, figure.ToJson(), figure.SuggestedHeight);
    }

    private static string Measure(string measure) => measure switch
    {
        "pearson" => "|r|",
        "correlation_ratio" => "η",
        "cramers_v" => "V",
        _ => measure,
    };

    private static Figure Compact(Figure figure)
    {
        figure.Layout.Title = null;
        figure.Layout.Set("margin", new System.Text.Json.Nodes.JsonObject { ["l"] = 40, ["r"] = 8, ["t"] = 8, ["b"] = 30 });
        return figure;
    }

    private static string Percent(double fraction, int decimals) =>
        (fraction * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? HtmlText.Number(v) : "–";
}
