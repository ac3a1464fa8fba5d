using Workbench.Data;
using Workbench.Tests.Support;
using Workbench.Tests.Tracking;

namespace Workbench.Tests.Data;

/// <summary>
/// Runs the code cells of notebooks/01-eda.ipynb in order as one C# script (package magics left to the kernel),
/// and checks that every number its markdown conclusions quote is what the cells print. The headless notebook
/// run of the main job renders the same cells with the kernel; this test keeps the prose honest on its own.
/// </summary>
[Collection(ProcessStateCollection.Name)] // Console.Out is redirected while the cells run.
public sealed class EdaNotebookTests
{
    [Fact]
    public async Task Cells_run_and_the_conclusions_quote_their_outputs()
    {
        var (printed, values, _) = await NotebookScript.RunAsync("01-eda.ipynb");

        var shown = string.Join('\n', values.Select(v => v is Frame f ? f.ToText(maxRows: 40, maxColumnWidth: 60) : v?.ToString()));
        var everything = printed + "\n" + shown;

        // Breast cancer conclusions.
        printed.Should().Contain("569 rows x 31 columns").And.Contain("benign: 357 rows (62.7%)").And.Contain("malignant: 212 rows (37.3%)");
        printed.Should().Contain("duplicate rows: 0");
        printed.Should().Contain("21 pairs of features with |r| >= 0.9");
        printed.Should().Contain("171 of 569 rows have at least one outlying measurement");
        shown.Should().Contain("worst_concave_points").And.Contain("0.794").And.Contain("0.783").And.Contain("0.777").And.Contain("0.776");
        shown.Should().Contain("0.998").And.Contain("65").And.Contain("5.45");
        everything.Should().Contain("0.0744").And.Contain("0.1822").And.Contain("72.67").And.Contain("21.13");

        // Patients conclusions.
        printed.Should().Contain("5000 rows x 19 columns");
        printed.Should().Contain("missing cells overall: 0.57");
        shown.Should().Contain("301").And.Contain("6").And.Contain("137").And.Contain("2.7").And.Contain("99");
        shown.Should().Contain("0.248").And.Contain("0.194").And.Contain("0.232").And.Contain("0.195").And.Contain("0.186").And.Contain("0.196");
        shown.Should().Contain("0.037").And.Contain("0.042");
        shown.Should().Contain("chief_complaint").And.Contain("120").And.Contain("0.02");
        printed.Should().Contain("readmitted within 30 days: 978 of 5000");
        shown.Should().Contain("0.264").And.Contain("0.258").And.Contain("0.202").And.Contain("0.183").And.Contain("0.175");
        shown.Should().Contain("0.23998").And.Contain("0.15355").And.Contain("0.16235").And.Contain("0.33631").And.Contain("0.15112");
        shown.Should().Contain("0.803").And.Contain("0.766");
        printed.Should().Contain("train 3500, validation 750, test 750 rows");
    }
}
