using Workbench.Kernel.Execution;
using Workbench.Kernel.Interpreter;
using Workbench.Kernel.Tests.Support;

namespace Workbench.Kernel.Tests.Interpreter;

/// <summary>Completion, inspection, is_complete, help syntax and user expressions over a real engine.</summary>
public sealed class CSharpInterpreterTests : IDisposable
{
    private readonly CSharpInterpreter _interpreter = new(new EngineOptions(), new HistoryStore(null));

    public void Dispose() => _interpreter.Dispose();

    private async Task Run(string code)
    {
        var (result, sink) = await Cells.RunAsync(_interpreter.Engine, code);
        result.Succeeded.Should().BeTrue(string.Join("\n", sink.Errors));
    }

    private IReadOnlyList<string> Matches(string code) => _interpreter.Complete(code, code.Length).Matches;

    [Fact]
    public async Task Completes_members_of_notebook_variables_and_their_types()
    {
        await Run("record Admission(int Id, string Ward, double Stay);\nvar admissions = new List<Admission> { new(1, \"a\", 2.5) };");
        Matches("admissions[0].St").Should().Equal("Stay");
        Matches("admissions.Whe").Should().Equal(["Where"], "LINQ extension methods apply to the list");
        Matches("admiss").Should().Equal("admissions");
        Matches("Admiss").Should().Equal("Admission");
        Matches("admissions?.Cou").Should().Equal(["Count", "CountBy"], "the property and the LINQ extensions");
        Matches("disp").Should().Contain("display", "the cell globals are in scope");
    }

    [Fact]
    public void Completes_static_members_namespaces_keywords_and_magics()
    {
        Matches("Math.Ma").Should().Equal(["Max", "MaxMagnitude"]);
        Matches("System.Text.Json.Nodes.JsonObj").Should().Equal("JsonObject");
        Matches("fore").Should().Equal("foreach");
        Matches("#!w").Should().Equal(["#!who", "#!whos"]);
        var result = _interpreter.Complete("var n = 1;\nMath.Ab", "var n = 1;\nMath.Ab".Length);
        result.CursorStart.Should().Be("var n = 1;\nMath.".Length);
        result.CursorEnd.Should().Be("var n = 1;\nMath.Ab".Length);
        result.Metadata["_jupyter_types_experimental"]!.AsArray().Single()!["type"]!.GetValue<string>().Should().Be("function");
    }

    [Fact]
    public async Task Inspects_signatures_documentation_and_variable_values()
    {
        var sqrt = _interpreter.Inspect("Math.Sqrt(2)", "Math.Sq".Length, 0);
        sqrt.Found.Should().BeTrue();
        sqrt.Data["text/plain"].Should().Contain("double Math.Sqrt(double d)").And.Contain("square root");

        var inCall = _interpreter.Inspect("Console.WriteLine(\"x\", ", "Console.WriteLine(\"x\", ".Length, 1);
        inCall.Data["text/plain"].Should().Contain("Console.WriteLine").And.Contain("Other overloads:");

        await Run("var ward = \"cardiology\";");
        var variable = _interpreter.Inspect("ward", 2, 0);
        variable.Data["text/plain"].Should().Contain("string ward").And.Contain("Value: cardiology");
        variable.Data["text/html"].Should().Contain("<code>");

        _interpreter.Inspect("   ", 1, 0).Found.Should().BeFalse();
    }

    [Theory]
    [InlineData("1 + 1", "complete", null)]
    [InlineData("#!time\nvar x = 1;", "complete", null)]
    [InlineData("#!markdown\n# not C# {", "complete", null)]
    [InlineData("if (ready) {", "incomplete", "    ")]
    [InlineData("    foreach (var x in xs) {", "incomplete", "        ")]
    [InlineData("Console.WriteLine(", "incomplete", "    ")]
    [InlineData("var x = ;", "invalid", null)]
    [InlineData("}", "invalid", null)]
    [InlineData("#!nosuchmagic\n1", "invalid", null)]
    public void Is_complete_follows_the_script_parse(string code, string status, string? indent)
    {
        var result = _interpreter.IsComplete(code);
        result.Status.Should().Be(status);
        result.Indent.Should().Be(indent);
    }

    [Fact]
    public void Help_syntax_pages_a_name_and_ordinary_code_is_not_help()
    {
        _interpreter.HelpRequest("Math.Sqrt?")!.Data["text/plain"].Should().Contain("square root");
        _interpreter.HelpRequest("??Console.WriteLine")!.Data["text/plain"].Should().Contain("Other overloads:");
        _interpreter.HelpRequest("nosuchthing?")!.Found.Should().BeFalse();
        _interpreter.HelpRequest("x ? 1 : 2").Should().BeNull();
        _interpreter.HelpRequest("var y = x?.Length;").Should().BeNull();
    }

    [Fact]
    public async Task User_expressions_see_the_state_and_leave_no_trace()
    {
        await Run("var total = 40;");
        var results = await _interpreter.EvaluateAsync(new System.Text.Json.Nodes.JsonObject { ["sum"] = "total + 2", ["bad"] = "missing * 2", ["thrown"] = "int.Parse(\"x\")" });
        results["sum"]!["status"]!.GetValue<string>().Should().Be("ok");
        results["sum"]!["data"]!["text/plain"]!.GetValue<string>().Should().Be("42");
        results["bad"]!["status"]!.GetValue<string>().Should().Be("error");
        results["bad"]!["evalue"]!.GetValue<string>().Should().Contain("CS0103");
        results["thrown"]!["ename"]!.GetValue<string>().Should().Be("FormatException");

        var (_, sink) = await Cells.RunAsync(_interpreter.Engine, "total");
        sink.Results.Single().Plain().Should().Be("40");
        _interpreter.Engine.Variables.Select(v => v.Name).Should().Equal("total");
    }
}
