using Workbench.Extension.Html;
using Workbench.Features;

namespace Workbench.Extension.Features;

/// <summary>
/// A feature pipeline as a diagram in table form: per step the columns it takes, the chain of transforms they go
/// through, and the features that come out (count and names), with the inputs, target, remainder and output mode above.
/// </summary>
public sealed class FeaturePipelineHtmlFormatter : HtmlFormatter<FeaturePipeline>
{
    protected override bool Format(FeaturePipeline value, TextWriter writer)
    {
        Styles.WriteContainer(writer, w => Write(w, value));
        return true;
    }

    internal static void Write(TextWriter writer, FeaturePipeline pipeline)
    {
        writer.Write(FeaturesHtml.Css);
        var summary = pipeline.IsFitted
            ? $"{FeaturesHtml.Count(pipeline.InputColumns.Count)} input columns → {FeaturesHtml.Count(pipeline.GetFeatureNamesOut().Count)} features"
            : "not fitted";
        var details = new List<string>();
        if (pipeline.Target is { } target)
        {
            details.Add($"target {target} (kept out of the features)");
        }

        details.Add($"remainder: {pipeline.Remainder.ToString().ToLowerInvariant()}");
        details.Add($"output: {pipeline.Output.ToString().ToLowerInvariant()}{(pipeline.Output == MatrixOutput.Auto ? $" (sparse below {FeaturesHtml.Percent(pipeline.SparseThreshold)} density when a step is sparse)" : string.Empty)}");
        var table = new HtmlTable { Caption = $"FeaturePipeline: {pipeline.Steps.Count} steps, {summary}", CssClass = "wb-table wb-pipeline" }
            .Header("step", "columns", "transforms", "features out", "names");
        foreach (var step in pipeline.Steps)
        {
            var columns = step.Columns.Count > 0
                ? FeaturesHtml.Names(step.Columns, 12)
                : $"<span class=\"wb-muted\">{HtmlText.Encode(step.Selector.Describe())}</span>";
            var chain = step.IsPassthrough ? "<span class=\"wb-muted\">passthrough</span>" : FeaturesHtml.Chain(step.Transforms.Select(t => t.Describe()));
            var count = step.FeatureNames.Count > 0 ? FeaturesHtml.Count(step.FeatureNames.Count) + (step.ProducesSparse ? " (sparse)" : string.Empty) : "–";
            table.RawRow(step.IsRemainder ? "wb-muted" : null, HtmlText.Encode(step.Name), columns, chain, $"<span>{count}</span>", FeaturesHtml.Names(step.FeatureNames));
        }

        table.WriteTo(writer);
        writer.Write($"<div class=\"wb-muted\">{HtmlText.Encode(string.Join("; ", details))}</div>");
    }
}
