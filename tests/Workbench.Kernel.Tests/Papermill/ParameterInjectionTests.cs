using Workbench.Kernel.Notebooks;
using Workbench.Kernel.Papermill;
using Workbench.Kernel.Tests.Support;

namespace Workbench.Kernel.Tests.Papermill;

public sealed class ParameterInjectionTests
{
    private static NotebookDocument Parameters() => IpynbReader.Read(Fixtures.Notebook("parameters.ipynb"));

    private static List<KeyValuePair<string, string>> P(params (string Name, string Value)[] values) =>
        values.Select(v => KeyValuePair.Create(v.Name, v.Value)).ToList();

    [Fact]
    public void Declarations_are_read_with_their_types_and_defaults()
    {
        var declarations = ParameterDeclarations.Read("string name = \"world\";\nint rows = 5, cols = 2;\nvar label = \"x\";\nvar ratio = 0.5;\nList<int> ids = new();");

        declarations.Select(d => (d.Name, d.Type?.Declaration, d.DefaultText)).Should().Equal(
            ("name", "string", "\"world\""),
            ("rows", "int", "5"),
            ("cols", "int", "2"),
            ("label", "string", "\"x\""),
            ("ratio", "double", "0.5"),
            ("ids", null, "new()"));
    }

    [Fact]
    public void Overrides_become_a_typed_injected_cell_after_the_parameters_cell()
    {
        var notebook = Parameters();
        var plan = ParameterInjection.Check(notebook, P(("name", "Ada \"L\""), ("rows", "3"), ("seed", "7"), ("threshold", "1e-3"), ("verbose", "True"), ("since", "2024-03-01"), ("label", "x")), "parameters.ipynb");
        var cell = ParameterInjection.Apply(notebook, plan)!;

        plan.Warnings.Should().BeEmpty();
        notebook.Cells.IndexOf(cell).Should().Be(2);
        cell.HasTag("injected-parameters").Should().BeTrue();
        cell.Source.Split('\n').Should().Equal(
            "// Parameters",
            "string name = \"Ada \\\"L\\\"\";",
            "int rows = 3;",
            "long seed = 7L;",
            "double threshold = 0.001;",
            "bool verbose = true;",
            "DateTime since = global::System.DateTime.Parse(\"2024-03-01T00:00:00.0000000\", global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.RoundtripKind);",
            "string label = \"x\";");
    }

    [Theory]
    [InlineData("rows", "five", "Parameter 'rows' is declared int in the parameters cell, but the value 'five' is not a whole number*")]
    [InlineData("rows", "2.5", "*'rows'*int*'2.5'*")]
    [InlineData("threshold", "0,5", "Parameter 'threshold' is declared double*'0,5' is not a number such as 0.25*")]
    [InlineData("verbose", "yes", "Parameter 'verbose' is declared bool*'yes' is not true or false*")]
    [InlineData("since", "yesterday", "Parameter 'since' is declared DateTime*'yesterday'*")]
    public void A_value_that_does_not_parse_as_the_declared_type_is_rejected(string name, string value, string message)
    {
        var act = () => ParameterInjection.Check(Parameters(), P((name, value)), "parameters.ipynb");

        act.Should().Throw<ParameterException>().WithMessage(message);
    }

    [Fact]
    public void An_unsupported_declared_type_is_rejected_naming_it()
    {
        var notebook = NotebookDocument.CreateCSharp();
        var cell = NotebookCell.NewCode("List<int> ids = new();");
        cell.AddTag("parameters");
        notebook.Cells.Add(cell);

        var act = () => ParameterInjection.Check(notebook, P(("ids", "1,2")), "lists.ipynb");

        act.Should().Throw<ParameterException>().WithMessage("Parameter 'ids' is declared List<int> in the parameters cell of lists.ipynb; -p can set only int, long, double, float, decimal, bool, string, DateTime*");
    }

    [Fact]
    public void An_undeclared_parameter_is_a_warning_like_papermills_and_is_injected_with_an_inferred_type()
    {
        var notebook = Parameters();
        var plan = ParameterInjection.Check(notebook, P(("extra", "12")), "parameters.ipynb");

        plan.Warnings.Should().ContainSingle().Which.Should().StartWith("Passed unknown parameter: extra");
        ParameterInjection.Apply(notebook, plan)!.Source.Should().Contain("int extra = 12;");
    }

    [Fact]
    public void Without_a_parameters_cell_the_injected_cell_goes_first_with_a_warning()
    {
        var notebook = NotebookDocument.CreateCSharp();
        notebook.Cells.Add(NotebookCell.NewCode("Console.WriteLine(1);"));
        var plan = ParameterInjection.Check(notebook, P(("x", "1")), "plain.ipynb");

        plan.Warnings.Should().ContainSingle().Which.Should().Contain("no cell tagged 'parameters'");
        ParameterInjection.Apply(notebook, plan);
        notebook.Cells[0].HasTag("injected-parameters").Should().BeTrue();
    }

    [Fact]
    public void A_rerun_replaces_the_injected_cell_instead_of_adding_another()
    {
        var notebook = Parameters();
        ParameterInjection.Apply(notebook, ParameterInjection.Check(notebook, P(("rows", "1")), "p"));
        ParameterInjection.Apply(notebook, ParameterInjection.Check(notebook, P(("rows", "2")), "p"));

        notebook.Cells.Where(c => c.HasTag("injected-parameters")).Should().ContainSingle().Which.Source.Should().Contain("int rows = 2;");
    }

    [Fact]
    public void Keyword_names_are_escaped()
    {
        ParameterInjection.Identifier("class").Should().Be("@class");
        ParameterInjection.Identifier("rows").Should().Be("rows");
    }
}
