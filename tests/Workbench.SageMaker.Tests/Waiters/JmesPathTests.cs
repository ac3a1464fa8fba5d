using System.Text.Json.Nodes;
using Workbench.SageMaker.Waiters;

namespace Workbench.SageMaker.Tests.Waiters;

public sealed class JmesPathTests
{
    private static readonly JsonNode Endpoint = JsonNode.Parse("""
        {
          "EndpointStatus": "InService",
          "ProductionVariants": [
            { "VariantName": "current", "CurrentWeight": 0.9, "CurrentInstanceCount": 2, "VariantStatus": [ { "Status": "ActivatingTraffic" } ] },
            { "VariantName": "challenger", "CurrentWeight": 0.1, "CurrentInstanceCount": 1, "VariantStatus": [] }
          ],
          "Tags": { "team": { "Value": "ml-ops" }, "cost-center": { "Value": "42" } },
          "Matrix": [[1, 2], [3, [4]]],
          "with-dash": true,
          "Empty": ""
        }
        """)!;

    [Theory]
    [InlineData("EndpointStatus", "\"InService\"")]
    [InlineData("ProductionVariants[0].VariantName", "\"current\"")]
    [InlineData("ProductionVariants[-1].VariantName", "\"challenger\"")]
    [InlineData("ProductionVariants[5]", "null")]
    [InlineData("ProductionVariants[].VariantName", "[\"current\",\"challenger\"]")]
    [InlineData("ProductionVariants[*].CurrentInstanceCount", "[2,1]")]
    [InlineData("ProductionVariants[?CurrentWeight > `0.5`].VariantName", "[\"current\"]")]
    [InlineData("ProductionVariants[?VariantName == 'challenger'].CurrentWeight | [0]", "0.1")]
    [InlineData("ProductionVariants[].VariantStatus[].Status", "[\"ActivatingTraffic\"]")]
    [InlineData("length(ProductionVariants)", "2")]
    [InlineData("length(ProductionVariants) > `1`", "true")]
    [InlineData("contains(ProductionVariants[].VariantName, 'current')", "true")]
    [InlineData("max(ProductionVariants[].CurrentInstanceCount)", "2")]
    [InlineData("sum(ProductionVariants[].CurrentInstanceCount)", "3")]
    [InlineData("Tags.*.Value", "[\"ml-ops\",\"42\"]")]
    [InlineData("Matrix[]", "[1,2,3,[4]]")]
    [InlineData("\"with-dash\"", "true")]
    [InlineData("!Empty", "true")]
    [InlineData("Missing || EndpointStatus", "\"InService\"")]
    [InlineData("EndpointStatus == 'InService' && length(ProductionVariants) == `2`", "true")]
    [InlineData("(EndpointStatus == 'Failed') || `false`", "false")]
    [InlineData("Missing.Deeper[0]", "null")]
    [InlineData("ProductionVariants[?CurrentWeight > `5`].VariantName", "[]")]
    [InlineData("@.EndpointStatus", "\"InService\"")]
    public void Expressions_evaluate_as_JMESPath_defines_them(string expression, string expected)
    {
        var result = JmesPath.Compile(expression).Evaluate(Endpoint);

        (result?.ToJsonString() ?? "null").Should().Be(expected);
    }

    [Theory]
    [InlineData("a[0:2]", "slices")]
    [InlineData("a.[b, c]", "multi-select")]
    [InlineData("a[", "end of expression")]
    [InlineData("a == ", "end of expression")]
    [InlineData("`unterminated", "Unclosed")]
    public void Unsupported_or_malformed_expressions_fail_with_the_position(string expression, string message)
    {
        var compile = () => JmesPath.Compile(expression);

        compile.Should().Throw<FormatException>().Which.Message.Should().Contain(message);
    }
}
