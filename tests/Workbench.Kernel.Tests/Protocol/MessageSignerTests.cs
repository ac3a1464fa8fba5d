using System.Text;
using Workbench.Kernel.Protocol;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Protocol;

public sealed class MessageSignerTests
{
    private static readonly byte[] Header = """{"msg_id":"a1","msg_type":"execute_request","session":"s","username":"u","date":"2026-11-21T09:00:00.000000Z","version":"5.3"}"""u8.ToArray();
    private static readonly byte[] Parent = "{}"u8.ToArray();
    private static readonly byte[] Metadata = "{}"u8.ToArray();
    private static readonly byte[] Content = """{"code":"1+1"}"""u8.ToArray();

    [Fact]
    public void Signature_matches_jupyter_clients_session()
    {
        const string key = "5f0c7a4e-83b2-4c1d-9f55-0a1b2c3d4e5f";
        var ours = new MessageSigner(key).Sign(Header, Parent, Metadata, Content);
        var theirs = PythonPeer.Run(
            "import sys\nfrom jupyter_client.session import Session\ns = Session(key=sys.argv[1].encode(), signature_scheme='hmac-sha256')\nprint(s.sign([a.encode() for a in sys.argv[2:]]).decode())",
            [key, Encoding.UTF8.GetString(Header), "{}", "{}", Encoding.UTF8.GetString(Content)]).Trim();
        ours.Should().Be(theirs).And.MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void A_good_signature_passes_once_and_its_replay_is_rejected()
    {
        var signer = new MessageSigner("key");
        var signature = Encoding.ASCII.GetBytes(signer.Sign(Header, Parent, Metadata, Content));
        signer.Verify(signature, Header, Parent, Metadata, Content).Should().BeNull();
        signer.Verify(signature, Header, Parent, Metadata, Content).Should().Contain("replayed");
    }

    [Fact]
    public void Tampered_unsigned_and_malformed_messages_are_rejected()
    {
        var signer = new MessageSigner("key");
        var signature = Encoding.ASCII.GetBytes(signer.Sign(Header, Parent, Metadata, Content));
        signer.Verify(signature, Header, Parent, Metadata, """{"code":"2+2"}"""u8.ToArray()).Should().Be("invalid signature");
        signer.Verify(Encoding.ASCII.GetBytes(new MessageSigner("other").Sign(Header, Parent, Metadata, Content)), Header, Parent, Metadata, Content).Should().Be("invalid signature");
        signer.Verify([], Header, Parent, Metadata, Content).Should().Be("unsigned message");
        signer.Verify("zz"u8.ToArray(), Header, Parent, Metadata, Content).Should().Be("malformed signature");
        signer.Verify(Encoding.ASCII.GetBytes(new string('g', 64)), Header, Parent, Metadata, Content).Should().Be("malformed signature");
        // The tampered attempts did not use up the genuine signature.
        signer.Verify(signature, Header, Parent, Metadata, Content).Should().BeNull();
    }

    [Fact]
    public void An_empty_key_disables_signing_as_the_spec_says()
    {
        var signer = new MessageSigner(string.Empty);
        signer.Enabled.Should().BeFalse();
        signer.Sign(Header, Parent, Metadata, Content).Should().BeEmpty();
        signer.Verify([], Header, Parent, Metadata, Content).Should().BeNull();
    }
}
