namespace Workbench.Extension.Html;

/// <summary>The stylesheet every Workbench output carries, scoped under <c>.wb</c> so it never restyles the notebook.</summary>
public static class Styles
{
    public const string Css = """
        <style>
        .wb{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:13px;color:#1f2328}
        .wb .wb-table{border-collapse:collapse;margin:4px 0}
        .wb .wb-table th,.wb .wb-table td{border:1px solid #d0d7de;padding:2px 8px;text-align:right;white-space:nowrap}
        .wb .wb-table th{background:#f6f8fa;text-align:center}
        .wb .wb-table td:first-child{text-align:left}
        .wb .wb-table caption{text-align:left;font-weight:600;padding:2px 0}
        .wb .wb-bad{background:#ffebe9}
        .wb .wb-warn{background:#fff8c5}
        .wb .wb-good{background:#dafbe1}
        .wb .wb-muted{color:#656d76}
        .wb .wb-card{border:1px solid #d0d7de;border-radius:6px;padding:8px;margin:4px;display:inline-block;vertical-align:top}
        .wb .wb-badge{border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600}
        </style>
        """;

    /// <summary>Wraps a fragment in the scoped container with the stylesheet.</summary>
    public static void WriteContainer(TextWriter writer, Action<TextWriter> body)
    {
        writer.Write("<div class=\"wb\">");
        writer.Write(Css);
        body(writer);
        writer.Write("</div>");
    }
}
