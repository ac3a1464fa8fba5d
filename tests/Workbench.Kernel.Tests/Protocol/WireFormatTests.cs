using System.Text;
using System.Text.Json.Nodes;
using Workbench.Kernel.Protocol;

namespace Workbench.Kernel.Tests.Protocol;

public sealed class WireFormatTests
{
    private readonly MessageBuilder _builder = new("kernel-session");

    [Fact]
    public void Serialized_frames_parse_back_with_identities_and_buffers()
    {
        var wire = new WireFormat(new MessageSigner("secret"));
        var request = new JupyterMessage(_builder.Header("execute_request"), [], [], new JsonObject { ["code"] = "1 + 1", ["silent"] = false })
        {
            Identities = [Encoding.ASCII.GetBytes("client-a"), Encoding.ASCII.GetBytes("client-b")],
            Buffers = [[1, 2, 3]],
        };
        var frames = wire.Serialize(request);
        frames[2].Should().Equal(WireFormat.Delimiter);

        var parsed = new WireFormat(new MessageSigner("secret")).Parse(frames);
        parsed.MsgType.Should().Be("execute_request");
        parsed.ContentString("code").Should().Be("1 + 1");
        parsed.ContentBool("silent", true).Should().BeFalse();
        parsed.Identities.Select(Encoding.ASCII.GetString).Should().Equal("client-a", "client-b");
        parsed.Buffers.Single().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void A_reply_is_addressed_to_the_request_and_carries_it_as_parent()
    {
        var request = new JupyterMessage(_builder.Header("kernel_info_request"), [], [], []) { Identities = ["id"u8.ToArray()] };
        var reply = _builder.Create("kernel_info_reply", new JsonObject { ["status"] = "ok" }, request);
        reply.ParentHeader["msg_id"]!.GetValue<string>().Should().Be(request.MsgId);
        reply.Identities.Should().BeSameAs(request.Identities);
        reply.Header["version"]!.GetValue<string>().Should().Be("5.3");
        reply.Header["session"]!.GetValue<string>().Should().Be("kernel-session");
        reply.Header["date"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");
    }

    [Theory]
    [InlineData("no delimiter")]
    [InlineData("too few frames")]
    [InlineData("header not json")]
    [InlineData("content not an object")]
    public void Malformed_frames_are_rejected_with_the_reason(string problem)
    {
        var wire = new WireFormat(new MessageSigner(string.Empty));
        List<byte[]> frames = problem switch
        {
            "no delimiter" => ["id"u8.ToArray(), "{}"u8.ToArray()],
            "too few frames" => [WireFormat.Delimiter, [], "{}"u8.ToArray()],
            "header not json" => [WireFormat.Delimiter, [], "{nope"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()],
            _ => [WireFormat.Delimiter, [], "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "[1]"u8.ToArray()],
        };
        var act = () => wire.Parse(frames);
        act.Should().Throw<RejectedMessageException>().Which.Message.Should().ContainAny("delimiter", "expected at least 5", "header", "content");
    }
}
