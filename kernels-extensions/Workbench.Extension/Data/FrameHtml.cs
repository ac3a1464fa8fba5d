using System.Globalization;
using System.Text.Json;
using Workbench.Data;
using Workbench.Extension.Html;

namespace Workbench.Extension.Data;

/// <summary>
/// A frame as an HTML table with each column's dtype under its name. Up to <see cref="PagedRowLimit"/> rows travel
/// with the output and page in the browser (the first page is plain HTML, so viewers without scripts see it);
/// larger frames show their first and last rows only, so a million-row frame renders in a few kilobytes.
/// Very wide frames show their first and last columns.
/// </summary>
internal static class FrameHtml
{
    public const int PageSize = 20;
    public const int PagedRowLimit = 500;
    public const int EdgeRows = 10;
    public const int MaxColumns = 40;
    private const int MaxCellText = 80;

    private const string Css = """
        <style>
        .wb .wb-frame th .wb-dtype{display:block;font-weight:400;font-size:11px;color:#656d76}
        .wb .wb-frame td.wb-null{color:#8c959f;font-style:italic}
        .wb .wb-frame td.wb-text{text-align:left}
        .wb .wb-frame th.wb-index,.wb .wb-frame td.wb-index{color:#656d76;text-align:right}
        .wb .wb-pager button{margin:0 4px;padding:0 8px}
        </style>
        """;

    public static void Write(TextWriter writer, Frame frame, string? caption = null)
    {
        var id = HtmlText.NewElementId("wb-frame");
        var columns = VisibleColumns(frame);
        var paged = frame.RowCount <= PagedRowLimit;
        var rows = paged
            ? Enumerable.Range(0, frame.RowCount).ToArray()
            : [.. Enumerable.Range(0, EdgeRows), -1, .. Enumerable.Range(frame.RowCount - EdgeRows, EdgeRows)];
        var cells = rows.Select(r => r < 0 ? null : Cells(frame, columns, r)).ToArray();

        writer.Write(Css);
        writer.Write($"<div class=\"wb-frame\" id=\"{id}\">");
        writer.Write("<table class=\"wb-table\">");
        if (caption is not null)
        {
            writer.Write($"<caption>{HtmlText.Encode(caption)}</caption>");
        }

        writer.Write("<thead><tr><th class=\"wb-index\"></th>");
        foreach (var c in columns)
        {
            if (c < 0)
            {
                writer.Write("<th>…</th>");
                continue;
            }

            var column = frame.Columns[c];
            var title = $"{column.Type.DisplayName()}, {column.NullCount.ToString("N0", CultureInfo.InvariantCulture)} missing";
            writer.Write($"<th title=\"{HtmlText.Encode(title)}\">{HtmlText.Encode(column.Name)}<span class=\"wb-dtype\">{HtmlText.Encode(column.Type.DisplayName())}</span></th>");
        }

        writer.Write("</tr></thead><tbody>");
        var firstPage = paged ? Math.Min(PageSize, rows.Length) : rows.Length;
        for (var i = 0; i < firstPage; i++)
        {
            WriteRow(writer, rows[i], cells[i], columns.Length);
        }

        writer.Write("</tbody></table>");
        var shape = $"{frame.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows × {frame.ColumnCount.ToString("N0", CultureInfo.InvariantCulture)} columns";
        var note = paged
            ? string.Empty
            : $"; showing the first and last {EdgeRows} rows";
        writer.Write($"<div class=\"wb-muted\">{shape}{note}</div>");
        if (paged && rows.Length > PageSize)
        {
            WritePager(writer, id, cells!, frame.RowCount);
        }

        writer.Write("</div>");
    }

    /// <summary>Column positions to show; -1 marks the elided middle of a very wide frame.</summary>
    private static int[] VisibleColumns(Frame frame)
    {
        var n = frame.ColumnCount;
        if (n <= MaxColumns)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var half = MaxColumns / 2;
        return [.. Enumerable.Range(0, half), -1, .. Enumerable.Range(n - half, half)];
    }

    /// <summary>Display text per visible column: null for a missing value.</summary>
    private static string?[] Cells(Frame frame, int[] columns, int row) =>
        columns.Select(c => c < 0 ? "…" : Display(frame.Columns[c], row)).ToArray();

    private static string? Display(Column column, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        return column switch
        {
            DoubleColumn d => HtmlText.Number(d.Values[row]),
            SingleColumn s => HtmlText.Number(s.Values[row]),
            Int64Column l => l.Values[row].ToString(CultureInfo.InvariantCulture),
            _ => Clip(column.Format(row)!),
        };
    }

    private static string Clip(string text) => text.Length <= MaxCellText ? text : string.Concat(text.AsSpan(0, MaxCellText - 1), "…");

    private static void WriteRow(TextWriter writer, int row, string?[]? cells, int width)
    {
        if (cells is null)
        {
            writer.Write($"<tr><td class=\"wb-index\">…</td>{string.Concat(Enumerable.Repeat("<td>…</td>", width))}</tr>");
            return;
        }

        writer.Write($"<tr><td class=\"wb-index\">{row.ToString(CultureInfo.InvariantCulture)}</td>");
        foreach (var cell in cells)
        {
            writer.Write(cell is null ? "<td class=\"wb-null\">null</td>" : $"<td>{HtmlText.Encode(cell)}</td>");
        }

        writer.Write("</tr>");
    }

    // The rows travel as JSON; the script redraws the body a page at a time with text nodes (never HTML from data).
    private static void WritePager(TextWriter writer, string id, string?[][] cells, int rowCount)
    {
        var pages = (rowCount + PageSize - 1) / PageSize;
        writer.Write($"<div class=\"wb-pager\"><button data-step=\"-1\" disabled>‹ previous</button><span class=\"wb-page\">page 1 of {pages}</span><button data-step=\"1\">next ›</button></div>");
        writer.Write("<script type=\"text/javascript\">(function(){");
        writer.Write($"var root=document.getElementById('{id}'),rows={Plotly.PlotlyHtml.EscapeForScript(JsonSerializer.Serialize(cells))},size={PageSize},page=0,pages={pages};");
        writer.Write("""
            var body=root.querySelector('tbody'),label=root.querySelector('.wb-page'),buttons=root.querySelectorAll('.wb-pager button');
            function cell(tr,text,cls){var td=document.createElement('td');if(cls){td.className=cls;}td.textContent=text;tr.appendChild(td);}
            function show(){body.textContent='';for(var r=page*size;r<Math.min(rows.length,(page+1)*size);r++){var tr=document.createElement('tr');cell(tr,String(r),'wb-index');
            rows[r].forEach(function(v){if(v===null){cell(tr,'null','wb-null');}else{cell(tr,v);}});body.appendChild(tr);}
            label.textContent='page '+(page+1)+' of '+pages;buttons[0].disabled=page===0;buttons[1].disabled=page>=pages-1;}
            buttons.forEach(function(b){b.addEventListener('click',function(){page=Math.max(0,Math.min(pages-1,page+Number(b.getAttribute('data-step'))));show();});});
            """);
        writer.Write("})();</script>");
    }
}
