using System.Text;
using System.Text.Json;
using Workbench.Kernel.Transport;
using Workbench.Testing;

namespace Workbench.Kernel.Tests.Transport;

/// <summary>The libzmq wrapper over real sockets on the loopback interface.</summary>
public sealed class ZmqSocketTests : IDisposable
{
    private readonly ZmqContext _context = new();
    private readonly List<ZmqSocket> _sockets = [];

    public void Dispose()
    {
        _sockets.ForEach(s => s.Dispose());
        _context.Dispose();
    }

    private ZmqSocket Socket(ZmqSocketType type, bool bind = false)
    {
        var socket = _context.Socket(type);
        socket.Linger = TimeSpan.Zero;
        _sockets.Add(socket);
        if (bind)
        {
            socket.Bind("tcp://127.0.0.1:*");
        }

        return socket;
    }

    [Fact]
    public void Router_and_dealer_exchange_multipart_messages()
    {
        var router = Socket(ZmqSocketType.Router, bind: true);
        var dealer = Socket(ZmqSocketType.Dealer);
        dealer.SetIdentity("client-1"u8.ToArray());
        dealer.Connect(router.LastEndpoint);

        dealer.SendMultipart(["one"u8.ToArray(), [], new byte[100_000]]);
        router.WaitReadable(TimeSpan.FromSeconds(10)).Should().BeTrue();
        var received = router.ReceiveMultipart()!;
        Encoding.ASCII.GetString(received[0]).Should().Be("client-1");
        Encoding.ASCII.GetString(received[1]).Should().Be("one");
        received[2].Should().BeEmpty();
        received[3].Should().HaveCount(100_000);

        router.SendMultipart([received[0], "back"u8.ToArray()]);
        dealer.WaitReadable(TimeSpan.FromSeconds(10)).Should().BeTrue();
        dealer.ReceiveMultipart()!.Single().Should().Equal("back"u8.ToArray());
    }

    [Fact]
    public void Poll_times_out_and_a_non_blocking_receive_returns_null_when_nothing_is_queued()
    {
        var router = Socket(ZmqSocketType.Router, bind: true);
        var other = Socket(ZmqSocketType.Router, bind: true);
        ZmqPoller.WaitReadable([router, other], TimeSpan.FromMilliseconds(50)).Should().Be(-1);
        router.ReceiveMultipart(dontWait: true).Should().BeNull();
    }

    [Fact]
    public void Binding_a_port_in_use_names_the_endpoint_and_zmqs_reason()
    {
        var first = Socket(ZmqSocketType.Rep, bind: true);
        var second = Socket(ZmqSocketType.Rep);
        var act = () => second.Bind(first.LastEndpoint);
        act.Should().Throw<ZmqException>().Which.Message.Should().Contain(first.LastEndpoint).And.Contain("in use");
    }

    [Fact]
    public void The_library_name_is_chosen_per_platform()
    {
        ZmqContext.LibraryVersion.Should().MatchRegex(@"^4\.\d+\.\d+$");
        Workbench.Kernel.Transport.LibZmq.CandidateNames().Should().Contain(OperatingSystem.IsLinux() ? "libzmq.so.5" : OperatingSystem.IsMacOS() ? "libzmq.5.dylib" : "libzmq.dll");
    }
}

public sealed class ConnectionInfoTests : IDisposable
{
    private readonly TempDirectory _folder = new("wb-connection");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_the_file_jupyter_client_writes()
    {
        var path = _folder.File("kernel.json");
        PythonPeer.Run("import sys\nfrom jupyter_client.connect import write_connection_file\nwrite_connection_file(sys.argv[1], ip='127.0.0.1', key=b'abc-key', kernel_name='workbench-csharp')", [path]);
        var info = ConnectionInfo.Read(path);
        info.Transport.Should().Be("tcp");
        info.Ip.Should().Be("127.0.0.1");
        info.Key.Should().Be("abc-key");
        info.SignatureScheme.Should().Be("hmac-sha256");
        info.KernelName.Should().Be("workbench-csharp");
        new[] { info.ShellPort, info.IopubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort }.Should().OnlyContain(p => p > 0).And.OnlyHaveUniqueItems();
        info.Endpoint(info.ShellPort).Should().Be($"tcp://127.0.0.1:{info.ShellPort}");
    }

    [Theory]
    [InlineData("""{"transport": "udp", "ip": "127.0.0.1", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}""", "transport")]
    [InlineData("""{"transport": "tcp", "ip": "127.0.0.1", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 99999}""", "hb_port")]
    [InlineData("""{"transport": "tcp", "ip": "127.0.0.1", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": "k", "signature_scheme": "hmac-md5"}""", "signature_scheme")]
    [InlineData("""{"transport": "tcp", "ip": """, "not valid JSON")]
    public void A_bad_file_is_reported_with_its_path_and_field(string json, string named)
    {
        var path = _folder.Write("bad.json", json);
        var act = () => ConnectionInfo.Read(path);
        act.Should().Throw<ConnectionFileException>().Which.Message.Should().Contain(path).And.Contain(named);
    }

    [Fact]
    public void The_ipc_transport_names_files_by_port()
    {
        var info = JsonSerializer.Deserialize<ConnectionInfo>("""{"transport": "ipc", "ip": "/tmp/kernel-x", "shell_port": 1}""")!;
        info.Endpoint(1).Should().Be("ipc:///tmp/kernel-x-1");
    }
}
