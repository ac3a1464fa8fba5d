using System.Collections;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Kernel.Scripting;

namespace Workbench.Kernel.Formatting;

/// <summary>
/// What a value looks like when no registered or attributed formatter claims it: scalars as text, content wrappers
/// (HTML, Markdown, SVG, JSON) as their MIME type, PNG/JPEG bytes as images, sequences of records/POCOs/tuples/
/// dictionaries as a truncated HTML table, other sequences as lists, plain objects as a member table.
/// </summary>
internal static class DefaultFormatting
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Adds the default rich MIME types for <paramref name="value"/> (never text/plain).</summary>
    public static void AddRich(object value, MimeBundle bundle, int maxRows)
    {
        switch (value)
        {
            case HtmlString html:
                bundle.Set(MimeTypes.Html, html.Html);
                return;
            case MarkdownString markdown:
                bundle.Set(MimeTypes.Markdown, markdown.Markdown);
                bundle.Set(MimeTypes.Html, MarkdownHtml.ToHtml(markdown.Markdown));
                return;
            case SvgString svg:
                bundle.Set(MimeTypes.Svg, svg.Svg);
                return;
            case JsonString json:
                bundle.Set(MimeTypes.Json, NormalizeJson(json.Json));
                return;
            case JsonNode node:
                bundle.Set(MimeTypes.Json, node.ToJsonString());
                return;
            case JsonElement element:
                bundle.Set(MimeTypes.Json, element.GetRawText());
                return;
            case JsonDocument document:
                bundle.Set(MimeTypes.Json, document.RootElement.GetRawText());
                return;
            case byte[] bytes when bytes.AsSpan().StartsWith(PngSignature):
                bundle.Set(MimeTypes.Png, Convert.ToBase64String(bytes));
                return;
            case byte[] bytes when bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF:
                bundle.Set(MimeTypes.Jpeg, Convert.ToBase64String(bytes));
                return;
        }

        if (Html(value, maxRows) is { } table)
        {
            bundle.Set(MimeTypes.Html, table);
        }
    }

    public static string PlainText(object? value, int maxRows)
    {
        switch (value)
        {
            case null:
                return ValueText.Null;
            case string text:
                return text;
            case Exception exception:
                return exception.ToString();
            case byte[] bytes when bytes.AsSpan().StartsWith(PngSignature):
                return $"PNG image ({bytes.Length:N0} bytes)";
            case HtmlString or MarkdownString or SvgString or JsonString:
                return value.ToString()!;
        }

        var type = value.GetType();
        if (ValueText.IsScalar(type))
        {
            return ValueText.Scalar(value);
        }

        if (DictionaryEntries.TryRead(value) is { } entries)
        {
            var sample = SequenceSample.Take(entries.Select(e => (object?)e).ToList(), maxRows);
            var items = sample.Items.Cast<(object Key, object? Value)>().Select(e => $"{ValueText.Scalar(e.Key)}: {ValueSummary.Of(e.Value)}");
            return "{" + string.Join(", ", items) + (sample.Hidden > 0 ? $", … ({sample.Total:N0} entries)" : string.Empty) + "}";
        }

        if (value is IEnumerable sequence)
        {
            var sample = SequenceSample.Take(sequence, maxRows);
            if (TableModel.TryCreate(sample) is { } table)
            {
                return TextTable(table);
            }

            var more = sample.MoreText("items");
            return "[" + string.Join(", ", sample.Items.Select(i => ValueSummary.Of(i))) + (more is null ? "]" : $", {more}]");
        }

        return ObjectMembers.HasDefaultToString(type) ? ValueSummary.Of(value, int.MaxValue) : value.ToString() ?? string.Empty;
    }

    /// <summary>An HTML rendering for collections and plain objects; null for scalars and types that say enough as text.</summary>
    public static string? Html(object value, int maxRows)
    {
        var type = value.GetType();
        if (ValueText.IsScalar(type) || value is Exception || value is byte[])
        {
            return null;
        }

        if (DictionaryEntries.TryRead(value) is { } entries)
        {
            var sample = SequenceSample.Take(entries.Select(e => (object?)e).ToList(), maxRows);
            var body = new StringBuilder();
            foreach (var (key, item) in sample.Items.Cast<(object Key, object? Value)>())
            {
                body.Append("<tr><th>").Append(Encode(ValueText.Scalar(key))).Append("</th><td>").Append(Cell(item)).Append("</td></tr>");
            }

            return Wrap(TypeNames.Caption(type), "<thead><tr><th>key</th><th>value</th></tr></thead><tbody>" + body + "</tbody>", sample.MoreText("entries"));
        }

        if (value is IEnumerable sequence)
        {
            var sample = SequenceSample.Take(sequence, maxRows);
            if (TableModel.TryCreate(sample) is { } table)
            {
                return HtmlTable(table, TypeNames.Caption(type));
            }

            var list = new StringBuilder("<ol start=\"0\">");
            foreach (var item in sample.Items)
            {
                list.Append("<li>").Append(Cell(item)).Append("</li>");
            }

            list.Append("</ol>");
            var more = sample.MoreText("items");
            return $"<div class=\"wb-value\"><div class=\"wb-caption\">{Encode(TypeNames.Caption(type))} ({sample.Total:N0}{(sample.TotalIsLowerBound ? "+" : string.Empty)} items)</div>{list}{(more is null ? string.Empty : $"<div class=\"wb-more\">{Encode(more)}</div>")}</div>";
        }

        var members = ObjectMembers.Of(type);
        if (members.Count == 0 || !ObjectMembers.IsRowLike(type))
        {
            return null;
        }

        var rows = new StringBuilder("<tbody>");
        foreach (var member in members)
        {
            rows.Append("<tr><th>").Append(Encode(member.Name)).Append("</th><td>").Append(Cell(ObjectMembers.ReadSafely(member, value))).Append("</td></tr>");
        }

        return Wrap(TypeNames.Short(type), rows.Append("</tbody>").ToString(), null);
    }

    private static string HtmlTable(TableModel table, string caption)
    {
        var html = new StringBuilder("<thead><tr><th></th>");
        foreach (var column in table.Columns)
        {
            html.Append("<th>").Append(Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < table.Rows.Count; i++)
        {
            html.Append("<tr><th>").Append(i).Append("</th>");
            foreach (var column in table.Columns)
            {
                html.Append("<td>").Append(table.Rows[i].TryGetValue(column, out var cell) ? Cell(cell) : string.Empty).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody>");
        var count = $"{table.Sample.Total:N0}{(table.Sample.TotalIsLowerBound ? "+" : string.Empty)} {(table.Sample.Total == 1 ? "row" : "rows")}";
        return Wrap($"{caption} ({count})", html.ToString(), table.Sample.MoreText("rows"));
    }

    private static string TextTable(TableModel table)
    {
        const int MaxWidth = 30;
        var header = new[] { string.Empty }.Concat(table.Columns).ToArray();
        var lines = new List<string[]> { header };
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            lines.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), .. table.Columns.Select(c => row.TryGetValue(c, out var v) ? ValueSummary.Of(v, MaxWidth) : string.Empty)]);
        }

        var widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendLine(string.Join("  ", line.Select((cell, c) => c == 0 || IsNumeric(cell) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }

        var more = table.Sample.MoreText("rows");
        if (more is not null)
        {
            text.AppendLine(more);
        }

        return text.ToString().TrimEnd('\n', '\r');
    }

    private static bool IsNumeric(string text) => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string Wrap(string caption, string tableBody, string? more) =>
        $"<div class=\"wb-value\"><table class=\"wb-value-table\"><caption>{Encode(caption)}</caption>{tableBody}</table>{(more is null ? string.Empty : $"<div class=\"wb-more\">{Encode(more)}</div>")}</div>";

    private static string Cell(object? value) => value is null ? "<span style=\"opacity:.5\">&lt;null&gt;</span>" : Encode(ValueSummary.Of(value, 200));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string NormalizeJson(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString() ?? "null";
        }
        catch (JsonException e)
        {
            throw new FormatException($"JSON(...) was given text that is not JSON: {e.Message}", e);
        }
    }
}
