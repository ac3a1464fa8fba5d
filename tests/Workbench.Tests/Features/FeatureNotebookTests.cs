using Workbench.Data;
using Workbench.Features;
using Workbench.Testing;
using Workbench.Tests.Support;
using Workbench.Tests.Tracking;

namespace Workbench.Tests.Features;

/// <summary>
/// Runs the code cells of notebooks/02-feature-engineering.ipynb in order as one C# script (package magics left to the
/// kernel) and checks that every number its markdown quotes is what the cells print. The main job's headless run
/// renders the same cells with the kernel; this test keeps the prose honest on its own.
/// </summary>
[Collection(ProcessStateCollection.Name)] // Console.Out is redirected while the cells run.
public sealed class FeatureNotebookTests
{
    [Fact]
    public async Task Cells_run_and_the_explanations_quote_their_outputs()
    {
        using var output = new TempDirectory("wb-notebook-02");
        var (text, values, markdown) = await NotebookScript.RunAsync(
            "02-feature-engineering.ipynb", new Dictionary<string, string> { ["../artifacts/features"] = output.Path });

        var shown = string.Join('\n', values.Select(v => v?.ToString()));

        // The patients pipeline.
        text.Should().Contain("train 4000 rows, test 1000 rows, 19 columns");
        shown.Should().Contain("FeaturePipeline: 6 steps, 17 input columns -> 247 features");
        markdown.Should().Contain("17 of the 19 columns into 247 features (206 of them TF-IDF terms");
        text.Should().Contain("train: 4000 x 247, sparse").And.Contain("complaint     206 features");
        text.Should().Contain("grouped as infrequent: admission_type: transfer; insurance: self_pay");
        markdown.Should().Contain("next to\n  `transfer` and `self_pay`");
        text.Should().Contain("loaded pipeline gives identical output: True").And.Contain("re-saved file is byte-identical: True");
        text.Should().Contain("$.steps[0].transforms[1].params.with_mean: expected true or false");
        File.Exists(Path.Combine(output.Path, "patients-features.json")).Should().BeTrue();
        FeaturePipeline.Load(Path.Combine(output.Path, "patients-features.json")).GetFeatureNamesOut().Should().HaveCount(247);

        // Breast cancer.
        text.Should().Contain("569 x 30, dense");

        // Schema and batches.
        text.Should().Contain("age: int64 in [18, 120], no missing");
        text.Should().Contain("unchanged        valid   0 errors, 0 warnings")
            .And.Contain("covariate_shift  valid   0 errors, 0 warnings")
            .And.Contain("missing_values   invalid 7 errors, 0 warnings")
            .And.Contain("new_categories   invalid 3 errors, 0 warnings")
            .And.Contain("corrupt          invalid 7 errors, 1 warnings");
        foreach (var quoted in new[] { "bmi: 344 rows (34.4 %) are missing; expected at most 7.7 % missing", "cholesterol: 455 rows (45.5 %) are missing; expected at most 12.0 %", "glucose: 238 rows (23.8 %) are missing; expected at most 7.0 %", "smoker: 229 rows (22.9 %)", "systolic_bp: 141 rows (14.1 %)", "diastolic_bp: 1 row (0.1 %) is outside int64 in [45, 108] ± 6.3, e.g. '116'" })
        {
            shown.Should().Contain(quoted);
        }

        markdown.Should().Contain("`bmi` 34.4 % missing where up to 7.7 % is allowed").And.Contain("`cholesterol` 45.5 % (up to 12.0 %), `glucose` 23.8 % (7.0 %)")
            .And.Contain("`smoker` (22.9 %) and `systolic_bp` (14.1 %)").And.Contain("a `diastolic_bp` of 116, 1.7 above the widened range");
        shown.Should().Contain("admission_type: 186 rows (18.6 %)").And.Contain("department: 133 rows (13.3 %)").And.Contain("insurance: 108 rows (10.8 %)");
        markdown.Should().Contain("`telehealth` (18.6 % of rows)").And.Contain("(13.3 %)").And.Contain("(10.8 %)");
        text.Should().Contain("admission_type=infrequent: 228 rows, insurance=infrequent: 136 rows");
        shown.Should().Contain("'sixty', 'unknown'").And.Contain("'430', '-4'").And.Contain("'250', '-1', '0'").And.Contain("'?', 'high'").And.Contain("ward_code: not in the schema");
        markdown.Should().Contain("(`sixty`, `unknown`, `?`, `high`), ages such as 430 and -4\n  and BMIs of 250 and 0");
        text.Should().Contain("corrupt          refused: the frame lacks 1 column the pipeline was fitted on: 'cholesterol' (step numeric).");
    }
}
