using System.Net;
using System.Text.Json;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>Every route and content type over loopback, answers compared with the library's own predictions.</summary>
public sealed class EndpointRouteTests : IAsyncLifetime
{
    private static readonly ServingModels Models = ServingModels.Instance;
    private LiveEndpoint _live = null!;
    private ModelBundle _bundle = null!;
    private string[] _expected = [];

    public async Task InitializeAsync()
    {
        _live = await LiveEndpoint.StartDefaultAsync();
        _bundle = ModelBundle.Load("models:/cancer@champion", new ModelLoadOptions { WorkbenchHome = Models.Home });
        var frame = RequestReader.Read(_bundle, System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 5).Select(Models.CancerCsvRow))), DataFormat.Csv);
        var predictions = _bundle.Predict(frame);
        _expected = Enumerable.Range(0, 5).Select(predictions.Label).ToArray();
    }

    public async Task DisposeAsync()
    {
        _bundle.Dispose();
        await _live.DisposeAsync();
    }

    private string CsvRows(int count) => string.Join("\n", Enumerable.Range(0, count).Select(Models.CancerCsvRow));

    private Dictionary<string, double> Row(int row) => Models.CancerFeatures.ToDictionary(n => n, n => double.Parse(Models.Cancer[n].Format(row)!, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Ping_answers_200_with_an_empty_body()
    {
        var response = await _live.Client.GetAsync("/ping");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_body_spanning_several_receive_blocks_is_answered_row_for_row()
    {
        // 569 rows (about 120 KB): several 32 KB receive blocks, rows cut across block boundaries.
        var rows = Models.Cancer.RowCount;
        var body = string.Join("\n", Enumerable.Range(0, rows).Select(Models.CancerCsvRow)) + "\n";
        System.Text.Encoding.UTF8.GetByteCount(body).Should().BeGreaterThan(3 * Workbench.Serving.Hosting.ReceiveBufferPool.BlockSize);
        var expected = _bundle.Predict(RequestReader.Read(_bundle, System.Text.Encoding.UTF8.GetBytes(body), DataFormat.Csv));

        var (status, text, _) = await _live.CallAsync(body);

        status.Should().Be(200, text);
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()).Should().Equal(Enumerable.Range(0, rows).Select(expected.Label));
    }

    [Fact]
    public async Task Execution_parameters_are_what_SageMaker_batch_transform_reads()
    {
        using var json = JsonDocument.Parse(await _live.Client.GetStringAsync("/execution-parameters"));
        json.RootElement.GetProperty("MaxConcurrentTransforms").GetInt32().Should().BePositive();
        json.RootElement.GetProperty("BatchStrategy").GetString().Should().Be("MULTI_RECORD");
        json.RootElement.GetProperty("MaxPayloadInMB").GetInt32().Should().Be(6);
    }

    [Fact]
    public async Task Metrics_are_Prometheus_text_with_counters_and_a_latency_histogram_per_variant()
    {
        (await _live.CallAsync(CsvRows(3))).Status.Should().Be(200);
        (await _live.CallAsync("x", "text/plain")).Status.Should().Be(415);
        var response = await _live.Client.GetAsync("/metrics");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("# TYPE workbench_invocations_total counter");
        text.Should().Contain("workbench_invocations_total{variant=\"cancer\",status=\"200\"} 1");
        text.Should().Contain("workbench_invocation_rows_total{variant=\"cancer\"} 3");
        text.Should().Contain("workbench_invocation_latency_seconds_bucket{variant=\"cancer\",le=\"+Inf\"} 1");
        text.Should().Contain("workbench_invocation_latency_seconds_count{variant=\"cancer\"} 1");
        text.Should().Contain("workbench_invocations_total{variant=\"none\",status=\"415\"} 1");
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            line.Should().MatchRegex(@"^[a-z_]+(\{[^}]*\})? [0-9.eE+-]+$");
        }
    }

    [Fact]
    public async Task Unknown_routes_are_404_and_admin_routes_are_not_on_the_inference_port()
    {
        (await _live.Client.GetAsync("/nothing")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _live.Client.GetAsync("/admin/weights")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _live.Client.GetAsync("/invocations")).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Csv_without_header_answers_json_by_default_with_the_invoked_variant()
    {
        var (status, body, response) = await _live.CallAsync(CsvRows(5));
        status.Should().Be(200, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.GetValues("X-Amzn-Invoked-Production-Variant").Should().Equal("cancer");
        Labels(body).Should().Equal(_expected);
    }

    [Theory]
    [InlineData("text/csv; header=present", "")]
    [InlineData("text/csv", "?header=true")]
    public async Task Csv_with_a_flagged_header_matches_columns_by_name(string contentType, string query)
    {
        // Columns reversed: the header, not the position, must decide.
        var names = Models.CancerFeatures.Reverse().ToArray();
        var lines = Enumerable.Range(0, 5).Select(r => string.Join(",", names.Select(n => Models.Cancer[n].Format(r))));
        var (status, body, _) = await _live.CallAsync(string.Join(",", names) + "\r\n" + string.Join("\r\n", lines) + "\r\n", contentType, path: "/invocations" + query);
        status.Should().Be(200, body);
        Labels(body).Should().Equal(_expected);
    }

    [Fact]
    public async Task Csv_quoted_fields_and_crlf_are_read()
    {
        var row = string.Join(",", Models.CancerFeatures.Select(n => $"\"{Models.Cancer[n].Format(0)}\""));
        var (status, body, _) = await _live.CallAsync(row + "\r\n\r\n");
        status.Should().Be(200, body);
        Labels(body).Should().Equal(_expected[0]);
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("application/json")]
    public async Task A_utf8_byte_order_mark_is_ignored(string contentType)
    {
        var body = contentType == "text/csv" ? CsvRows(2) : JsonSerializer.Serialize(new { instances = Enumerable.Range(0, 2).Select(Row) });
        var (status, text, _) = await _live.CallAsync("\uFEFF" + body, contentType);
        status.Should().Be(200, text);
        Labels(text).Should().Equal(_expected.Take(2));
    }

    [Fact]
    public async Task Json_instances_as_lists_and_as_objects()
    {
        var lists = JsonSerializer.Serialize(new { instances = Enumerable.Range(0, 5).Select(r => Models.CancerFeatures.Select(n => Row(r)[n]).ToArray()) });
        Labels((await _live.CallAsync(lists, "application/json")).Body).Should().Equal(_expected);
        var objects = JsonSerializer.Serialize(new { instances = Enumerable.Range(0, 5).Select(Row) });
        Labels((await _live.CallAsync(objects, "application/json")).Body).Should().Equal(_expected);
    }

    [Fact]
    public async Task Json_dataframe_split_records_and_inputs()
    {
        var columns = Models.CancerFeatures.Reverse().ToArray();
        var split = JsonSerializer.Serialize(new { dataframe_split = new { columns, data = Enumerable.Range(0, 5).Select(r => columns.Select(c => Row(r)[c]).ToArray()) } });
        Labels((await _live.CallAsync(split, "application/json")).Body).Should().Equal(_expected);
        var records = JsonSerializer.Serialize(new { dataframe_records = Enumerable.Range(0, 5).Select(Row) });
        Labels((await _live.CallAsync(records, "application/json")).Body).Should().Equal(_expected);
        var inputs = JsonSerializer.Serialize(new { inputs = Enumerable.Range(0, 5).Select(Row) });
        Labels((await _live.CallAsync(inputs, "application/json")).Body).Should().Equal(_expected);
        var columnar = JsonSerializer.Serialize(new { inputs = Models.CancerFeatures.ToDictionary(n => n, n => Enumerable.Range(0, 5).Select(r => Row(r)[n]).ToArray()) });
        Labels((await _live.CallAsync(columnar, "application/json; charset=utf-8")).Body).Should().Equal(_expected);
    }

    [Fact]
    public async Task Json_lines_rows_as_lists_objects_and_features()
    {
        var lines = new[]
        {
            JsonSerializer.Serialize(Models.CancerFeatures.Select(n => Row(0)[n])),
            JsonSerializer.Serialize(Row(1)),
            JsonSerializer.Serialize(new { features = Models.CancerFeatures.Select(n => Row(2)[n]) }),
        };
        var (status, body, response) = await _live.CallAsync(string.Join("\n", lines) + "\n", "application/jsonlines", "application/jsonlines");
        status.Should().Be(200, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/jsonlines");
        var answers = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("prediction").GetString()).ToArray();
        answers.Should().Equal(_expected.Take(3));
    }

    [Theory]
    [InlineData("text/csv", "text/csv")]
    [InlineData("text/*", "text/csv")]
    [InlineData("*/*", "application/json")]
    [InlineData("image/png;q=1, application/jsonlines;q=0.5", "application/jsonlines")]
    [InlineData("application/json;q=0.2, text/csv;q=0.9", "text/csv")]
    public async Task Accept_is_negotiated(string accept, string expected)
    {
        var (status, body, response) = await _live.CallAsync(CsvRows(2), accept: accept);
        status.Should().Be(200, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected);
    }

    [Fact]
    public async Task Csv_answers_one_line_per_row_with_probabilities_when_asked()
    {
        var (status, body, _) = await _live.CallAsync(CsvRows(5), accept: "text/csv", path: "/invocations?probabilities=true");
        status.Should().Be(200, body);
        var lines = body.TrimEnd('\n').Split('\n');
        lines.Should().HaveCount(5);
        for (var i = 0; i < 5; i++)
        {
            var fields = lines[i].Split(',');
            fields[0].Should().Be(_expected[i]);
            var p = fields.Skip(1).Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            p.Should().HaveCount(2);
            p.Sum().Should().BeApproximately(1, 1e-9);
        }
    }

    [Fact]
    public async Task Probabilities_through_custom_attributes_match_the_library()
    {
        var headers = new Dictionary<string, string> { ["X-Amzn-SageMaker-Custom-Attributes"] = "trace=1, probabilities=true" };
        var (status, body, _) = await _live.CallAsync(CsvRows(5), headers: headers);
        status.Should().Be(200, body);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).Should().Equal(_bundle.Predictor.Classes);
        var frame = RequestReader.Read(_bundle, System.Text.Encoding.UTF8.GetBytes(CsvRows(5)), DataFormat.Csv);
        var library = _bundle.Predict(frame).Probabilities!;
        var served = json.RootElement.GetProperty("probabilities").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        served.Should().Equal(library);
        (await _live.CallAsync(CsvRows(1))).Body.Should().NotContain("probabilities");
    }

    [Fact]
    public async Task Integer_labels_are_answered_as_numbers_and_categoricals_with_missing_values_are_accepted()
    {
        var headers = new Dictionary<string, string> { ["X-Amzn-SageMaker-Target-Variant"] = "patients" };
        var body = JsonSerializer.Serialize(new
        {
            instances = new object[]
            {
                new { age = 63, sex = "M", bmi = 32.3, smoker = "never", systolic_bp = 117, admission_type = "urgent", num_prior_admissions = 2 },
                new { age = 70, sex = "F", bmi = (double?)null, smoker = "current", systolic_bp = 140, admission_type = "elective", num_prior_admissions = 0 },
            },
        });
        var (status, text, response) = await _live.CallAsync(body, "application/json", headers: headers);
        status.Should().Be(200, text);
        response.Headers.GetValues("X-Amzn-Invoked-Production-Variant").Should().Equal("patients");
        JsonDocument.Parse(text).RootElement.GetProperty("predictions").EnumerateArray().Should().OnlyContain(p => p.ValueKind == JsonValueKind.Number && (p.GetInt32() == 0 || p.GetInt32() == 1));
    }

    [Fact]
    public async Task A_large_batch_near_the_limit_is_served()
    {
        // About 5 MiB of rows: under the 6 MiB limit, so it must pass.
        var row = Models.CancerCsvRow(0);
        var count = (5 << 20) / (row.Length + 1);
        var (status, body, _) = await _live.CallAsync(string.Join("\n", Enumerable.Repeat(row, count)), accept: "text/csv");
        status.Should().Be(200);
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(count).And.OnlyContain(l => l == _expected[0]);
    }

    internal static string[] Labels(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()!).ToArray();
}
