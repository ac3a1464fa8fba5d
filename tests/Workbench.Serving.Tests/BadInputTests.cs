using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Workbench.Serving.Tests;

/// <summary>
/// The bad-input corpus: every case gets the right status and a JSON error (naming the row and column where there
/// is one), and the server answers the next valid request.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly ServingModels Models = ServingModels.Instance;
    private LiveEndpoint _live = null!;

    public async Task InitializeAsync() => _live = await LiveEndpoint.StartDefaultAsync(o => o with { MaxPayloadBytes = 1 << 20 });

    public async Task DisposeAsync() => await _live.DisposeAsync();

    /// <summary>A case: what is sent, and the status, error code, row and column the answer must carry.</summary>
    public sealed record Case(string Name, string Body, string? ContentType, string? Accept, int Status, string Code, int? Row = null, string? Column = null, string Path = "/invocations", string? Variant = null)
    {
        public override string ToString() => Name;
    }

    private static string Row(int row) => Models.CancerCsvRow(row);

    private static string WithCell(int row, string column, string value)
    {
        var fields = Row(row).Split(',');
        fields[Models.CancerFeatures.ToList().IndexOf(column)] = value;
        return string.Join(",", fields);
    }

    private static string JsonRow(int row, string column, object? value)
    {
        var cells = Models.CancerFeatures.ToDictionary(n => n, n => (object?)double.Parse(Models.Cancer[n].Format(row)!, System.Globalization.CultureInfo.InvariantCulture));
        cells[column] = value;
        return JsonSerializer.Serialize(cells);
    }

    private static string Patient(string column, object? value)
    {
        var row = new Dictionary<string, object?> { ["age"] = 63, ["sex"] = "M", ["bmi"] = 30.1, ["smoker"] = "never", ["systolic_bp"] = 120, ["admission_type"] = "urgent", ["num_prior_admissions"] = 1 };
        row[column] = value;
        return JsonSerializer.Serialize(new { instances = new[] { row } });
    }

    public static IEnumerable<object[]> Corpus() => new Case[]
    {
        new("empty body", "", "text/csv", null, 400, "empty_body"),
        new("only blank lines", "\r\n\n  \n", "text/csv", null, 400, "empty_body"),
        new("empty JSON list", "{\"instances\": []}", "application/json", null, 400, "empty_body"),
        new("invalid JSON", "{\"instances\": [[1, 2,", "application/json", null, 400, "invalid_json"),
        new("JSON with a trailing comma", "{\"instances\": [[1,],]}", "application/json", null, 400, "invalid_json"),
        new("JSON scalar body", "42", "application/json", null, 400, "invalid_request"),
        new("JSON object of unknown keys", "{\"rows\": [[1]]}", "application/json", null, 400, "invalid_request"),
        new("instances not a list", "{\"instances\": 5}", "application/json", null, 400, "invalid_request"),
        new("wrong column count, first row", string.Join(",", Row(0).Split(',').Take(29)), "text/csv", null, 400, "invalid_data", 0),
        new("wrong column count, third row", Row(0) + "\n" + Row(1) + "\n" + Row(2) + ",1", "text/csv", null, 400, "invalid_data", 2),
        new("wrong value count in a JSON list", "{\"instances\": [[1, 2, 3]]}", "application/json", null, 400, "invalid_data", 0),
        new("text in a numeric CSV column", Row(0) + "\n" + WithCell(1, "mean_texture", "abc"), "text/csv", null, 400, "invalid_data", 1, "mean_texture"),
        new("text in a numeric JSON column", $"{{\"instances\": [{JsonRow(0, "mean_area", "lots")}]}}", "application/json", null, 400, "invalid_data", 0, "mean_area"),
        new("NaN where the schema forbids missing values", WithCell(0, "mean_radius", "NaN"), "text/csv", null, 400, "invalid_data", 0, "mean_radius"),
        new("Infinity in CSV", WithCell(0, "worst_area", "Infinity"), "text/csv", null, 400, "invalid_data", 0, "worst_area"),
        new("-inf in CSV", WithCell(0, "worst_area", "-inf"), "text/csv", null, 400, "invalid_data", 0, "worst_area"),
        new("JSON null in a required column", $"{{\"instances\": [{JsonRow(0, "mean_radius", null)}]}}", "application/json", null, 400, "invalid_data", 0, "mean_radius"),
        new("nested list in a cell", $"{{\"instances\": [{JsonRow(0, "mean_radius", new[] { 1, 2 })}]}}", "application/json", null, 400, "invalid_data", 0, "mean_radius"),
        new("object row missing a column", $"{{\"instances\": [{JsonSerializer.Serialize(new { mean_radius = 1.0 })}]}}", "application/json", null, 400, "invalid_data", 0, "mean_texture"),
        new("dataframe_split missing a column", "{\"dataframe_split\": {\"columns\": [\"mean_radius\"], \"data\": [[1]]}}", "application/json", null, 400, "invalid_data", null, "mean_texture"),
        new("dataframe_split without data", "{\"dataframe_split\": {\"columns\": []}}", "application/json", null, 400, "invalid_request"),
        new("value far outside the trained range", WithCell(0, "mean_radius", "1e9"), "text/csv", null, 400, "invalid_data", 0, "mean_radius"),
        new("unknown category", Patient("sex", "X"), "application/json", null, 400, "invalid_data", 0, "sex", Variant: "patients"),
        new("fraction in an integer column", Patient("num_prior_admissions", 1.5), "application/json", null, 400, "invalid_data", 0, "num_prior_admissions", Variant: "patients"),
        new("boolean in a categorical column is text, not a category", Patient("admission_type", true), "application/json", null, 400, "invalid_data", 0, "admission_type", Variant: "patients"),
        new("unterminated CSV quote", "\"1.0," + Row(0), "text/csv", null, 400, "invalid_data"),
        new("JSON Lines with a broken second line", JsonRow(0, "mean_radius", 14.0) + "\n{\"mean_radius\": \n", "application/jsonlines", null, 400, "invalid_json"),
        new("CSV header missing a column", string.Join(",", Models.CancerFeatures.Skip(1)) + "\n" + string.Join(",", Row(0).Split(',').Skip(1)), "text/csv; header=present", null, 400, "invalid_data", null, "mean_radius"),
        new("header flag that is not a boolean", Row(0), "text/csv", null, 400, "invalid_parameter", Path: "/invocations?header=maybe"),
        new("unsupported content type", Row(0), "text/plain", null, 415, "unsupported_media_type"),
        new("no content type", Row(0), null, null, 415, "unsupported_media_type"),
        new("unsupported charset", Row(0), "text/csv; charset=latin1", null, 415, "unsupported_media_type"),
        new("unsupported Accept", Row(0), "text/csv", "image/png", 406, "not_acceptable"),
        new("unreadable Accept", Row(0), "text/csv", "q=;;,", 406, "not_acceptable"),
        new("unknown target variant", Row(0), "text/csv", null, 400, "unknown_variant", Variant: "nobody"),
    }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_gets_a_json_error_and_the_server_keeps_serving(Case bad)
    {
        var headers = bad.Variant is null ? null : new Dictionary<string, string> { ["X-Amzn-SageMaker-Target-Variant"] = bad.Variant };
        var (status, body, response) = await _live.CallAsync(bad.Body, bad.ContentType, bad.Accept, bad.Path, headers);
        status.Should().Be(bad.Status, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("error").GetString().Should().Be(bad.Code);
        json.RootElement.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        if (bad.Row is not null || bad.Column is not null)
        {
            var problem = json.RootElement.GetProperty("problems")[0];
            if (bad.Row is { } row)
            {
                problem.GetProperty("row").GetInt32().Should().Be(row, body);
            }

            if (bad.Column is { } column)
            {
                problem.GetProperty("column").GetString().Should().Be(column, body);
                json.RootElement.GetProperty("message").GetString().Should().Contain(column);
            }
        }

        await _live.AssertStillServesAsync();
    }

    [Fact]
    public void The_corpus_has_at_least_25_cases() => Corpus().Count().Should().BeGreaterThanOrEqualTo(25);

    [Fact]
    public async Task Every_problem_is_listed_with_its_row_line_and_value()
    {
        var body = WithCell(0, "mean_texture", "abc") + "\n" + Row(1) + "\n" + WithCell(2, "mean_area", "x1");
        var (status, text, _) = await _live.CallAsync(body);
        status.Should().Be(400);
        var problems = JsonDocument.Parse(text).RootElement.GetProperty("problems").EnumerateArray().ToList();
        problems.Should().HaveCount(2);
        problems[0].GetProperty("line").GetInt32().Should().Be(1);
        problems[0].GetProperty("value").GetString().Should().Be("abc");
        problems[1].GetProperty("row").GetInt32().Should().Be(2);
        problems[1].GetProperty("line").GetInt32().Should().Be(3);
        problems[1].GetProperty("column").GetString().Should().Be("mean_area");
    }

    [Fact]
    public async Task A_payload_over_the_limit_is_refused_from_its_content_length()
    {
        var big = string.Join("\n", Enumerable.Repeat(Row(0), (2 << 20) / Row(0).Length));
        var (status, body, _) = await _live.CallAsync(big);
        status.Should().Be(413);
        JsonDocument.Parse(body).RootElement.GetProperty("error").GetString().Should().Be("payload_too_large");
        await _live.AssertStillServesAsync();
    }

    [Fact]
    public async Task A_chunked_payload_is_refused_while_reading_once_it_passes_the_limit()
    {
        var sent = 0L;
        var content = new StreamContent(new EndlessRows(Encoding.UTF8.GetBytes(Row(0) + "\n"), b => sent = b));
        content.Headers.TryAddWithoutValidation("Content-Type", "text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        HttpResponseMessage? response = null;
        try
        {
            response = await _live.Client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the client is still sending; the limit is what matters.
        }

        if (response is not null)
        {
            ((int)response.StatusCode).Should().Be(413);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Be("payload_too_large");
        }

        sent.Should().BeLessThan(32L << 20, "the server stopped the upload instead of reading an endless body");
        await _live.AssertStillServesAsync();
    }

    [Fact]
    public async Task A_slow_loris_body_gets_408_and_the_server_keeps_serving()
    {
        await using var live = await LiveEndpoint.StartDefaultAsync(o => o with { BodyTimeout = TimeSpan.FromSeconds(3), MinBodyRateGrace = TimeSpan.FromSeconds(2) });
        using var client = new TcpClient();
        await client.ConnectAsync(live.Endpoint.Address.Host, live.Endpoint.Address.Port);
        var stream = client.GetStream();
        var head = $"POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 5000\r\n\r\n{Row(0)[..10]}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, wait.Token)) > 0)
            {
                reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (reply.ToString().Contains("}", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // Kestrel may reset the connection after answering.
        }

        reply.ToString().Should().StartWith("HTTP/1.1 408");
        reply.ToString().Should().Contain("\"error\":\"request_timeout\"");
        await live.AssertStillServesAsync();
    }

    [Fact]
    public async Task Api_key_is_required_when_set_and_ping_stays_open()
    {
        await using var live = await LiveEndpoint.StartDefaultAsync(o => o with { ApiKey = "s3cret-key" });
        (await live.Client.GetAsync("/ping")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var (status, body, _) = await live.CallAsync(Row(0));
        status.Should().Be(401);
        JsonDocument.Parse(body).RootElement.GetProperty("error").GetString().Should().Be("unauthorized");
        (await live.CallAsync(Row(0), headers: new Dictionary<string, string> { ["X-Api-Key"] = "s3cret-kez" })).Status.Should().Be(401);
        (await live.CallAsync(Row(0), headers: new Dictionary<string, string> { ["X-Api-Key"] = "s3cret-key" })).Status.Should().Be(200);
        (await live.CallAsync(Row(0), headers: new Dictionary<string, string> { ["Authorization"] = "Bearer s3cret-key" })).Status.Should().Be(200);
        (await live.Client.GetAsync("/metrics")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    /// <summary>A body that never ends (rows repeated), counting what it handed out.</summary>
    private sealed class EndlessRows(byte[] row, Action<long> sent) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position > 256L << 20)
            {
                return 0;
            }

            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = row[(int)((_position + i) % row.Length)];
            }

            _position += count;
            sent(_position);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
