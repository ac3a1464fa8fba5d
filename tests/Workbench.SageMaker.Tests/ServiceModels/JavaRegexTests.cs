using System.Text.RegularExpressions;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Tests.ServiceModels;

public sealed class JavaRegexTests
{
    public static TheoryData<string> Models => new() { "SageMaker", "SageMaker Runtime", "Application Auto Scaling" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_pattern_in_the_vendored_models_translates_and_compiles(string service)
    {
        var model = ModelFor(service);
        var patterns = model.Shapes.Values.Where(s => s.Pattern is not null).ToArray();
        patterns.Should().NotBeEmpty();
        foreach (var shape in patterns)
        {
            var compile = () => shape.PatternRegex;
            compile.Should().NotThrow($"{shape.Name}'s pattern {shape.Pattern} must translate");
        }
    }

    [Theory]
    [InlineData("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", "train-2024-01", true)]
    [InlineData("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", "bad_name", false)]
    [InlineData("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", "ends-", false)]
    [InlineData(@"\p{Print}+", "policy name 1", true)]
    [InlineData(@"\p{Print}+", "tab\there", false)]
    [InlineData(@"\p{Print}+", "café", false)]
    [InlineData(@"\p{ASCII}*", "trace-id=42", true)]
    [InlineData(@"\p{ASCII}*", "naïve", false)]
    [InlineData(@"arn:[\p{Alnum}\-]+:lambda:[\p{Alnum}\-]+:[0-9]{12}:function:.*", "arn:aws:lambda:eu-west-1:123456789012:function:f", true)]
    [InlineData(@"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*", "endpoint/ep/variant/a 😀", true)]
    [InlineData(@"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*", "bell\u0007", false)]
    [InlineData(@"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}", "team: ml-ops", true)]
    [InlineData(@"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}", "semi;colon", false)]
    [InlineData(@"\A\S[\p{Print}]*\z", "x y", true)]
    [InlineData(@"\A\S[\p{Print}]*\z", " leading", false)]
    [InlineData(@"\d{12}", "123456789012", true)]
    [InlineData(@"\d{12}", "١٢٣٤٥٦٧٨٩٠١٢", false)]
    [InlineData(@".*", "line\rbreak", false)]
    [InlineData(@"(?!\s*$).+", "   ", false)]
    [InlineData(@"(?!\s*$).+", " a ", true)]
    [InlineData(@"[\S]+", "no-spaces", true)]
    [InlineData(@"\Qa.b\E", "a.b", true)]
    [InlineData(@"\Qa.b\E", "axb", false)]
    [InlineData(@"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)", "my-group", true)]
    [InlineData(@"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)", "my-group-", false)]
    public void Patterns_match_whole_values_with_Java_meaning(string javaPattern, string value, bool matches)
    {
        JavaRegex.CompileFullMatch(javaPattern).IsMatch(value).Should().Be(matches);
    }

    [Fact]
    public void A_lone_surrogate_is_not_a_supplementary_character()
    {
        // Built in code: test-case serialisation would turn a lone surrogate into U+FFFD.
        var lone = "lone " + (char)0xD800 + " surrogate";
        JavaRegex.CompileFullMatch(@"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*").IsMatch(lone).Should().BeFalse();
    }

    [Theory]
    [InlineData("a*+", "possessive")]
    [InlineData("[a-z[0-9]]", "union")]
    [InlineData("[a-z&&[^x]]", "intersection")]
    [InlineData(@"[\P{Alpha}]", "negated POSIX")]
    [InlineData("(?u)a", "inline flag")]
    public void Constructs_without_a_NET_equivalent_are_refused_clearly(string javaPattern, string what)
    {
        var translate = () => JavaRegex.Translate(javaPattern);
        translate.Should().Throw<NotSupportedException>(what).Which.Message.Should().Contain(javaPattern);
    }

    [Fact]
    public void Translated_patterns_are_plain_NET_regexes()
    {
        var translated = JavaRegex.Translate(@"[\u0020-\uD7FF\uD800\uDC00-\uDBFF\uDFFF]*");
        translated.Should().Be(@"(?:[\u0020-\uD7FF]|\uD800[\uDC00-\uDFFF]|[\uD801-\uDBFE][\uDC00-\uDFFF]|\uDBFF[\uDC00-\uDFFF])*");
        var regex = new Regex(translated);
        regex.Should().NotBeNull();
    }

    internal static ServiceModel ModelFor(string service) => service switch
    {
        "SageMaker" => BundledModels.SageMaker,
        "SageMaker Runtime" => BundledModels.SageMakerRuntime,
        _ => BundledModels.ApplicationAutoScaling,
    };
}
