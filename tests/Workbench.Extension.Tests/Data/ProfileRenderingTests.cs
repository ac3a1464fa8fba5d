using AngleSharp.Html.Parser;
using Workbench.Data;
using Workbench.Data.Profiling;
using Workbench.Extension.Data;
using Workbench.Testing;

namespace Workbench.Extension.Tests.Data;

public sealed class ProfileRenderingTests
{
    private static readonly Frame Patients = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));

    [Fact]
    public void Profile_has_an_overview_warnings_a_card_per_column_and_a_heatmap()
    {
        var profile = Patients.Profile("readmitted_30d");
        var html = PlotlyPage.Render<FrameProfileHtmlFormatter>(profile);
        var document = new HtmlParser().ParseDocument(html);
        var overview = document.QuerySelector("table caption")!.ParentElement!;
        overview.TextContent.Should().Contain("5,000").And.Contain("duplicate rows");
        document.QuerySelectorAll(".wb-card").Should().HaveCount(19);
        var cards = document.QuerySelectorAll(".wb-card").ToDictionary(c => c.QuerySelector("b")!.TextContent);
        cards["bmi"].TextContent.Should().Contain("137 (2.7%)").And.Contain("float64");
        cards["bmi"].QuerySelector("tr.wb-warn").Should().NotBeNull("missing values are highlighted");
        cards["admitted_at"].TextContent.Should().Contain("first").And.Contain("2024-01-01");
        cards["smoker"].TextContent.Should().Contain("most frequent");
        document.QuerySelectorAll(".wb-warnings li").Select(li => li.TextContent).Should().Contain(t => t.Contains("HighCardinality") && t.Contains("patient_id"));
        html.Should().Contain("Class balance").And.Contain("Association with the target");
        document.QuerySelectorAll("div.wb-plot").Length.Should().Be(19 + 2, "a figure per column, the association chart and the heatmap");
        html.Length.Should().BeLessThan(PlotlyHtml_ScriptLength() + 400_000, "histograms travel as counts, not raw values");
    }

    [Fact]
    public void Every_figure_of_the_profile_is_valid_plotly_and_draws()
    {
        var profile = Patients.Profile();
        var figures = profile.Columns.Select(c => c.ToFigure()).ToArray();
        var results = PlotlyPage.Draw(figures);
        results.Should().OnlyContain(r => r.Errors.Length == 0);
        results.Should().OnlyContain(r => r.Traces > 0);

        // Heatmaps draw as images rather than .trace groups, so only validation is asked of them here
        // (PlotlyValidationTests draws the correlation heatmap).
        PlotlyPage.Draw(profile.Pearson.ToFigure(), profile.Spearman!.ToFigure()).Should().OnlyContain(r => r.Errors.Length == 0);
    }

    [Fact]
    public void Column_profile_and_correlation_matrix_render_alone()
    {
        var profile = Patients.Profile();
        var card = new HtmlParser().ParseDocument(PlotlyPage.Render<ColumnProfileHtmlFormatter>(profile["age"]));
        card.QuerySelectorAll(".wb-card").Should().ContainSingle();
        card.QuerySelector(".wb-card")!.TextContent.Should().Contain("skew");
        var matrix = new HtmlParser().ParseDocument(PlotlyPage.Render<CorrelationMatrixHtmlFormatter>(profile.Spearman!));
        matrix.QuerySelectorAll("thead th").Select(h => h.TextContent).Should().Equal("column", "column", "Spearman ρ");
        matrix.QuerySelectorAll("tbody tr").Should().HaveCount(10);
    }

    private static int PlotlyHtml_ScriptLength() => Workbench.Extension.Plotly.PlotlyHtml.PlotlyJs.Length;
}
