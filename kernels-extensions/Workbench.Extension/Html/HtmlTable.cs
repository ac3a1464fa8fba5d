namespace Workbench.Extension.Html;

/// <summary>Builds a plain, styled HTML table; cells are encoded unless marked as raw HTML.</summary>
public sealed class HtmlTable
{
    private readonly List<string> _headers = [];
    private readonly List<(string[] Cells, string? RowClass)> _rows = [];

    public string? Caption { get; init; }

    public string CssClass { get; init; } = "wb-table";

    public HtmlTable Header(params string[] headers)
    {
        _headers.AddRange(headers.Select(HtmlText.Encode));
        return this;
    }

    /// <summary>Adds a row of plain-text cells.</summary>
    public HtmlTable Row(params string?[] cells) => RawRow(null, cells.Select(HtmlText.Encode).ToArray());

    /// <summary>Adds a row whose cells are already HTML.</summary>
    public HtmlTable RawRow(string? rowClass, params string[] cells)
    {
        _rows.Add((cells, rowClass));
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        writer.Write($"<table class=\"{CssClass}\">");
        if (Caption is not null)
        {
            writer.Write($"<caption>{HtmlText.Encode(Caption)}</caption>");
        }

        if (_headers.Count > 0)
        {
            writer.Write("<thead><tr>");
            foreach (var header in _headers)
            {
                writer.Write($"<th>{header}</th>");
            }

            writer.Write("</tr></thead>");
        }

        writer.Write("<tbody>");
        foreach (var (cells, rowClass) in _rows)
        {
            writer.Write(rowClass is null ? "<tr>" : $"<tr class=\"{HtmlText.Encode(rowClass)}\">");
            foreach (var cell in cells)
            {
                writer.Write($"<td>{cell}</td>");
            }

            writer.Write("</tr>");
        }

        writer.Write("</tbody></table>");
    }

    public override string ToString()
    {
        using var writer = new StringWriter();
        WriteTo(writer);
        return writer.ToString();
    }
}
