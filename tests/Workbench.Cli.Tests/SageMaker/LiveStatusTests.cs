using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Workbench.Cli.Tests.Support;
using Workbench.Testing;

namespace Workbench.Cli.Tests.SageMaker;

/// <summary>
/// A job's status is one output updated in place while it runs: in a live kernel, one display_data then
/// update_display_data messages with its display id (checked with jupyter_client over real sockets); in a notebook
/// run headless, one output holding the final state.
/// </summary>
[Collection(nameof(PackedPackagesCollection))]
public sealed class LiveStatusTests(PackedPackages packages) : IDisposable
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYLIVESTATUSKEY";

    private readonly TempDirectory _folder = new("wb-live-status");

    public void Dispose() => _folder.Dispose();

    private string JobCell()
    {
        var (train, validation) = TrainingData.WriteBreastCancer(_folder.File("data"));
        return LiveStatusNotebookCode.TrainAndWatch(_folder.File("local"), _folder.File("home"), train, validation);
    }

    [Fact]
    public void The_runner_saves_one_output_per_job_holding_its_final_state_and_no_secret()
    {
        var notebook = NotebookFiles.Write(_folder.File("live.ipynb"), LiveStatusNotebookCode.References(packages.Feed), JobCell());
        var environment = Dotnet.ChildEnvironment(new Dictionary<string, string?>
        {
            ["WORKBENCH_HOME"] = _folder.File("home"),
            ["CI"] = "true",
            ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7LIVESTAT",
            ["AWS_SECRET_ACCESS_KEY"] = Secret,
        });
        var result = ChildProcess.Run("dotnet", [WorkbenchCli.Dll, "notebook", "run", notebook, "--output-dir", _folder.File("out")], _folder.Path, environment, timeout: TimeSpan.FromMinutes(5));

        result.ExitCode.Should().Be(0, result.Combined);
        var saved = _folder.File("out/live.ipynb");
        var outputs = NotebookFiles.Cells(saved)[1]!["outputs"]!.AsArray();
        var displays = outputs.Where(o => o!["output_type"]!.GetValue<string>() == "display_data").ToList();
        displays.Should().ContainSingle("the job's status is one output updated in place, not a stream of copies");
        var html = NotebookFiles.Text(displays[0]!["data"]!["text/html"]);
        var page = new HtmlParser().ParseDocument(html);
        page.QuerySelector(".wb-job")!.GetAttribute("data-status").Should().Be("Completed");
        page.QuerySelector(".wb-timeline")!.TextContent.Should().Contain("Starting").And.Contain("Training").And.Contain("Uploading").And.Contain("Completed");
        html.Should().Contain("Plotly.newPlot").And.Contain("train:loss");
        NotebookFiles.Stdout(NotebookFiles.Cells(saved)[1]!).Should().Contain("final: Completed, 5 transitions");
        File.ReadAllText(saved).Should().NotContain(Secret).And.NotContain("AKIAIOSFODNN7LIVESTAT");
        result.Combined.Should().NotContain(Secret);
        NotebookFiles.Validate(saved).Should().Be("ok");
    }

    [Fact]
    public void In_a_live_kernel_the_job_is_one_display_data_then_updates_with_the_same_display_id()
    {
        var prefix = _folder.File("prefix");
        var install = ChildProcess.Run("dotnet", [WorkbenchCli.Dll, "kernel", "install", "--prefix", prefix, "--name", "wb-live"], _folder.Path, Dotnet.ChildEnvironment(), timeout: TimeSpan.FromMinutes(2));
        install.ExitCode.Should().Be(0, install.Combined);
        foreach (var folder in new[] { "data", "runtime", "home" })
        {
            Directory.CreateDirectory(_folder.File(folder));
        }

        var cells = new JsonArray(LiveStatusNotebookCode.References(packages.Feed), JobCell());
        File.WriteAllText(_folder.File("cells.json"), cells.ToJsonString());
        var script = _folder.Write("watch.py", """
            import json, sys
            from jupyter_client.manager import KernelManager

            cells = json.load(open(sys.argv[1]))
            km = KernelManager(kernel_name="wb-live")
            km.start_kernel()
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=120)
            report = []
            try:
                for code in cells:
                    msg_id = kc.execute(code)
                    messages = []
                    while True:
                        msg = kc.get_iopub_msg(timeout=300)
                        if msg["parent_header"].get("msg_id") != msg_id:
                            continue
                        if msg["msg_type"] in ("display_data", "update_display_data", "execute_result", "error", "stream"):
                            content = msg["content"]
                            messages.append({
                                "type": msg["msg_type"],
                                "display_id": (content.get("transient") or {}).get("display_id"),
                                "html": (content.get("data") or {}).get("text/html", ""),
                                "text": content.get("text", "") + content.get("evalue", ""),
                            })
                        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                            break
                    reply = kc.get_shell_msg(timeout=60)
                    while reply["parent_header"].get("msg_id") != msg_id:
                        reply = kc.get_shell_msg(timeout=60)
                    report.append({"status": reply["content"]["status"], "messages": messages})
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
            json.dump(report, open(sys.argv[2], "w"))
            """);
        var environment = Dotnet.ChildEnvironment(new Dictionary<string, string?>
        {
            ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter"),
            ["JUPYTER_DATA_DIR"] = _folder.File("data"),
            ["JUPYTER_RUNTIME_DIR"] = _folder.File("runtime"),
            ["WORKBENCH_HOME"] = _folder.File("home"),
            ["PYTHONNOUSERSITE"] = "1",
            ["PYTHONWARNINGS"] = "ignore",
            ["AWS_SECRET_ACCESS_KEY"] = Secret,
        });
        var run = ChildProcess.Run(PythonPeer.Interpreter, [script, _folder.File("cells.json"), _folder.File("report.json")], _folder.Path, environment, timeout: TimeSpan.FromMinutes(8));
        run.ExitCode.Should().Be(0, run.Combined);

        var report = JsonNode.Parse(File.ReadAllText(_folder.File("report.json")))!.AsArray();
        report.Select(r => r!["status"]!.GetValue<string>()).Should().Equal("ok", "ok");
        var messages = report[1]!["messages"]!.AsArray();
        var displays = messages.Where(m => m!["type"]!.GetValue<string>() == "display_data").ToList();
        var updates = messages.Where(m => m!["type"]!.GetValue<string>() == "update_display_data").ToList();
        displays.Should().ContainSingle("one output, updated in place");
        var id = displays[0]!["display_id"]!.GetValue<string>();
        id.Should().NotBeNullOrEmpty();
        updates.Should().HaveCountGreaterThan(1);
        updates.Should().OnlyContain(u => u!["display_id"]!.GetValue<string>() == id);

        var parser = new HtmlParser();
        string Status(JsonNode? message) => parser.ParseDocument(message!["html"]!.GetValue<string>()).QuerySelector(".wb-job")!.GetAttribute("data-status")!;
        Status(displays[0]).Should().Be("InProgress");
        Status(updates[^1]).Should().Be("Completed");
        updates.Select(Status).Should().Contain("InProgress", "updates arrive while the job runs, not only at the end");
        messages.Should().NotContain(m => m!.ToJsonString().Contains(Secret, StringComparison.Ordinal));
    }
}
