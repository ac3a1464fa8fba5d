using Workbench.Kernel.Magics;

namespace Workbench.Kernel.Tests.Magics;

public sealed class MagicParserTests
{
    [Fact]
    public void Every_magic_is_recognised_at_the_top_of_the_cell()
    {
        var cell = MagicParser.Parse("""
            #!csharp
            #r "lib/My.dll"
            #r "nuget: Workbench.Extension, 0.1.0"
            #r "nuget:Markdig"
            #i "nuget: ../artifacts/packages"
            // a comment between magics is fine
            #!time
            #!set --name who --value @input:"Your name"
            #!set --name key --value @password:"API key"
            #!set --name greeting --value "hello there"
            #!lsmagic
            #!about
            #!who
            #!whos
            var x = 1;
            """);

        cell.Errors.Should().BeEmpty();
        cell.Language.Should().Be("csharp");
        cell.Magics.Should().SatisfyRespectively(
            m => m.Should().BeOfType<KernelMagic>().Which.KernelName.Should().Be("csharp"),
            m => m.Should().BeOfType<AssemblyReferenceMagic>().Which.Path.Should().Be("lib/My.dll"),
            m => m.Should().Be(new PackageReferenceMagic(3, "#r \"nuget: Workbench.Extension, 0.1.0\"", "Workbench.Extension", "0.1.0")),
            m => m.Should().BeOfType<PackageReferenceMagic>().Which.Version.Should().BeNull(),
            m => m.Should().BeOfType<PackageSourceMagic>().Which.Source.Should().Be("../artifacts/packages"),
            m => m.Should().BeOfType<TimeMagic>(),
            m => m.Should().BeOfType<SetMagic>().Which.Should().Match<SetMagic>(s => s.Name == "who" && s.Prompt == "Your name" && !s.Password && s.Value == null),
            m => m.Should().BeOfType<SetMagic>().Which.Should().Match<SetMagic>(s => s.Name == "key" && s.Prompt == "API key" && s.Password),
            m => m.Should().BeOfType<SetMagic>().Which.Value.Should().Be("hello there"),
            m => m.Should().BeOfType<ListMagicsMagic>(),
            m => m.Should().BeOfType<AboutMagic>(),
            m => m.Should().BeOfType<WhoMagic>().Which.Detailed.Should().BeFalse(),
            m => m.Should().BeOfType<WhoMagic>().Which.Detailed.Should().BeTrue());
    }

    [Fact]
    public void Magic_lines_are_blanked_so_the_code_keeps_its_positions()
    {
        var code = "#!time\n#r \"nuget: X, 1.0\"\nvar x = 1;\n";
        var cell = MagicParser.Parse(code);

        cell.Body.Should().HaveLength(code.Length);
        cell.Body.Split('\n').Should().Equal("      ", new string(' ', "#r \"nuget: X, 1.0\"".Length), "var x = 1;", string.Empty);
    }

    [Fact]
    public void Magics_after_the_first_line_of_code_are_left_to_the_compiler()
    {
        var cell = MagicParser.Parse("var x = 1;\n#!time\n");

        cell.Magics.Should().BeEmpty();
        cell.Body.Should().Be("var x = 1;\n#!time\n");
    }

    [Fact]
    public void Unknown_magics_are_errors_that_list_the_known_ones()
    {
        var cell = MagicParser.Parse("#!timeit\nvar x = 1;");

        var error = cell.Errors.Single();
        error.Line.Should().Be(1);
        error.Message.Should().Contain("unknown magic '#!timeit'").And.Contain("#!time").And.Contain("#!set").And.Contain("#r nuget");
    }

    [Theory]
    [InlineData("#r \"nuget: Too, Many, Parts\"", "expects \"nuget: Name\"")]
    [InlineData("#r", "#r expects a path")]
    [InlineData("#i \"../feed\"", "#i expects \"nuget:")]
    [InlineData("#!set --name x", "needs both --name and --value")]
    [InlineData("#!set --name 1x --value 2", "not a valid C# variable name")]
    [InlineData("#!set --mime-type text/plain --name x --value 1", "could not read '--mime-type'")]
    [InlineData("#!time now", "takes no arguments")]
    public void Malformed_magics_say_what_is_wrong(string line, string message)
    {
        MagicParser.Parse(line).Errors.Single().Message.Should().Contain(message);
    }

    [Fact]
    public void A_markdown_kernel_line_makes_the_rest_markdown()
    {
        var cell = MagicParser.Parse("#!markdown\n# Title\n#!time is just text here");

        cell.Language.Should().Be("markdown");
        cell.Body.Should().Be("# Title\n#!time is just text here");
    }

    [Fact]
    public void A_language_from_notebook_metadata_skips_magic_parsing()
    {
        var cell = MagicParser.Parse("#!time\n| a |", "markdown");

        cell.Magics.Should().BeEmpty();
        cell.Language.Should().Be("markdown");
    }

    [Theory]
    [InlineData("fsharp")]
    [InlineData("pwsh")]
    [InlineData("javascript")]
    public void Foreign_kernels_are_recognised(string kernel)
    {
        MagicParser.Parse($"#!{kernel}\nsomething").Language.Should().Be(kernel);
    }
}
