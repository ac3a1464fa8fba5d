using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;

// The ceiling: what Kestrel costs on this machine with no model behind it. /invocations reads the whole body (as a
// server must) counting its lines, and answers with a cached {"predictions": [...]} of that many labels, so the bytes
// on the wire match a real answer. Usage: ConstantEndpoint PORT (binds 127.0.0.1).
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8080;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
// The transport settings of workbench serve, so the ceiling is Kestrel as Workbench runs it and the ratio measures
// the model path alone.
Workbench.Serving.Hosting.KestrelTransport.Configure(builder.WebHost);
var app = builder.Build();
var answers = new ConcurrentDictionary<int, byte[]>();

app.MapGet("/ping", () => Results.Ok());
app.MapPost("/invocations", async (HttpContext context) =>
{
    var rows = await CountLines(context.Request.BodyReader);
    var answer = answers.GetOrAdd(rows, n => Encoding.UTF8.GetBytes(
        "{\"predictions\":[" + string.Join(',', Enumerable.Repeat("\"benign\"", n)) + "]}"));
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = answer.Length;
    await context.Response.Body.WriteAsync(answer);
});
app.Run();

static async Task<int> CountLines(PipeReader reader)
{
    var lines = 0;
    var lastWasNewline = true;
    while (true)
    {
        var result = await reader.ReadAsync();
        foreach (var segment in result.Buffer)
        {
            var span = segment.Span;
            lines += span.Count((byte)'\n');
            if (!span.IsEmpty)
            {
                lastWasNewline = span[^1] == (byte)'\n';
            }
        }

        reader.AdvanceTo(result.Buffer.End);
        if (result.IsCompleted)
        {
            return lastWasNewline ? lines : lines + 1;
        }
    }
}
