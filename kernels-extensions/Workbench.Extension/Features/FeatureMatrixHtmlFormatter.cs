using Workbench.Extension.Data;
using Workbench.Extension.Html;
using Workbench.Features;

namespace Workbench.Extension.Features;

/// <summary>A feature matrix: its shape, density and storage, each step's block of columns, and its first rows.</summary>
public sealed class FeatureMatrixHtmlFormatter : HtmlFormatter<FeatureMatrix>
{
    public const int PreviewRows = 5;
    public const int PreviewColumns = 30;

    protected override bool Format(FeatureMatrix value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => Write(w, value));
        return true;
    }

    internal static void Write(TextWriter writer, FeatureMatrix matrix)
    {
        writer.Write(FeaturesHtml.Css);
        var storage = matrix.IsSparse ? $"sparse (CSR), {FeaturesHtml.Count(matrix.NonZeroCount)} stored values" : "dense (row-major)";
        var blocks = new HtmlTable
        {
            Caption = $"FeatureMatrix: {FeaturesHtml.Count(matrix.Rows)} rows × {FeaturesHtml.Count(matrix.Columns)} features, float32, {storage}, density {FeaturesHtml.Percent(matrix.Density)}",
            CssClass = "wb-table wb-pipeline",
        }.Header("step", "columns", "features", "first names");
        foreach (var block in matrix.Blocks)
        {
            var names = Enumerable.Range(block.Start, Math.Min(block.Count, 6)).Select(i => matrix.FeatureNames[i]).ToArray();
            blocks.RawRow(null, HtmlText.Encode(block.Step), $"{FeaturesHtml.Count(block.Start)}–{FeaturesHtml.Count(block.Start + block.Count - 1)}",
                FeaturesHtml.Count(block.Count) + (block.Sparse ? " (sparse)" : string.Empty),
                FeaturesHtml.Chips(names) + (block.Count > names.Length ? " …" : string.Empty));
        }

        blocks.WriteTo(writer);
        FrameHtml.Write(writer, matrix.Head(PreviewRows, PreviewColumns), $"first {Math.Min(PreviewRows, matrix.Rows)} rows" + (matrix.Columns > PreviewColumns ? $", first {PreviewColumns} of {FeaturesHtml.Count(matrix.Columns)} features" : string.Empty));
    }
}
