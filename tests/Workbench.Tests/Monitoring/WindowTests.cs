using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Monitoring;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Capture;
using Workbench.Monitoring.Windows;
using Workbench.Testing;

namespace Workbench.Tests.Monitoring;

/// <summary>Window lengths, windows over a frame's time column, and the JSON payloads of data capture.</summary>
public sealed class WindowTests
{
    [Theory]
    [InlineData("30m", 30)]
    [InlineData("1h", 60)]
    [InlineData("6h", 360)]
    [InlineData("1d", 1440)]
    [InlineData("daily", 1440)]
    [InlineData("1w", 10080)]
    public void Window_lengths_parse(string text, int minutes)
    {
        TimeWindow.Parse(text).Should().Be(TimeSpan.FromMinutes(minutes));
        TimeWindow.Parse(TimeWindow.Format(TimeSpan.FromMinutes(minutes))).Should().Be(TimeSpan.FromMinutes(minutes));
    }

    [Theory]
    [InlineData("1 fortnight")]
    [InlineData("0h")]
    [InlineData("h")]
    public void Bad_window_lengths_are_clear_errors(string text)
    {
        var parse = () => TimeWindow.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage($"'{text}'*");
    }

    [Fact]
    public void Windows_align_to_their_length_since_the_epoch()
    {
        TimeWindow.Start(new DateTime(2025, 1, 6, 13, 47, 12, DateTimeKind.Utc), TimeSpan.FromHours(6)).Should().Be(new DateTime(2025, 1, 6, 12, 0, 0, DateTimeKind.Utc));
        TimeWindow.Start(new DateTime(2025, 1, 6, 13, 47, 12, DateTimeKind.Utc), TimeSpan.FromDays(1)).Should().Be(new DateTime(2025, 1, 6, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Daily_windows_over_a_frame_date_the_shift_and_skip_rows_without_a_time()
    {
        var baseline = Baseline.Fit(MonitoringSamples.Table(1000, seed: 1));
        var days = Enumerable.Range(0, 4).Select(d => MonitoringSamples.Table(300, seed: 10 + d, shift: d >= 2)
            .Add(new DateTimeColumn("at", Enumerable.Range(0, 300).Select(i => (DateTime?)(i == 0 ? null : new DateTime(2025, 1, 6 + d, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 4))).ToArray())))
            .ToList();

        var report = new ModelMonitor(baseline).Check(Frame.Concat(days), "at", TimeSpan.FromDays(1));

        var windows = report.TimeSeries!.Windows;
        windows.Should().HaveCount(4);
        windows.Should().OnlyContain(w => w.Rows == 299, "each day's row without a time is left out of the windows");
        windows.Select(w => w.DatasetDrift).Should().Equal(false, false, true, true);
        report.TimeSeries.FirstDrift!.Start.Should().Be(new DateTime(2025, 1, 8, 0, 0, 0, DateTimeKind.Utc));
        report.Rows.Should().Be(1200);
        report.TimeSeriesFigure().Should().NotBeNull();
    }

    [Fact]
    public void Json_and_json_lines_payloads_base64_or_plain_read_one_row_per_instance()
    {
        using var folder = new TempDirectory("wb-capture");
        static string Line(string id, string contentType, string input, string output, bool base64) => JsonSerializer.Serialize(new
        {
            captureData = new
            {
                endpointInput = new { observedContentType = contentType, mode = "INPUT", data = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(input)) : input, encoding = base64 ? "BASE64" : "JSON" },
                endpointOutput = new { observedContentType = contentType, mode = "OUTPUT", data = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(output)) : output, encoding = base64 ? "BASE64" : "JSON" },
            },
            eventMetadata = new { eventId = id, inferenceTime = "2025-01-06T10:00:00Z" },
            eventVersion = "0",
        });
        folder.Write("capture.jsonl", string.Join("\n",
            Line("a", "application/json", "{\"instances\": [{\"x\": 1.5, \"color\": \"red\"}, {\"x\": 2.5, \"color\": \"blue\"}]}", "{\"predictions\": [{\"score\": 0.1}, {\"score\": 0.9}]}", base64: false),
            Line("b", "application/jsonlines", "{\"x\": 3.5, \"color\": \"green\"}\n{\"x\": 4.5, \"color\": \"red\"}", "{\"score\": 0.3}\n{\"score\": 0.7}", base64: true),
            Line("c", "application/json", "{\"instances\": [{\"x\": 5.5}]}", "{\"predictions\": [0.2, 0.4]}", base64: false)));

        var capture = DataCapture.Read(folder.File("capture.jsonl"), new CaptureReadOptions { InputColumns = ["x", "color"] });

        capture.Frame.RowCount.Should().Be(4);
        capture.Frame["x"].Format(3).Should().Be("4.5");
        capture.Frame["color"].Format(2).Should().Be("green");
        capture.Frame["prediction"][1].Should().Be(0.9);
        capture.Frame["event_id"].Format(3).Should().Be("b");
        capture.Frame["event_row"][3].Should().Be(1L);
        capture.SkippedLines.Should().Be(1);
        capture.Issues.Single().Message.Should().Contain("1 rows but the output 2 predictions");
    }
}
