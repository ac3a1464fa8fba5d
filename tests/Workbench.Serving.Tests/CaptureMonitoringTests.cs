using Workbench.Monitoring.Capture;
using Workbench.Serving.Hosting;

namespace Workbench.Serving.Tests;

/// <summary>
/// The server's data capture is what the monitor reads: records written by a live endpoint come back through
/// Workbench.Monitoring's capture reader as the rows that were sent and the answers that were given.
/// </summary>
public sealed class CaptureMonitoringTests
{
    private static readonly ServingModels Models = ServingModels.Instance;

    [Fact]
    public async Task The_monitor_reads_the_servers_capture_as_the_rows_sent_and_the_answers_given()
    {
        await using var live = await LiveEndpoint.StartAsync(new VariantOptions("champion", "models:/cancer/1"));
        var answers = new List<string>();
        for (var row = 0; row < 10; row++)
        {
            var (status, body, _) = await live.CallAsync(Models.CancerCsvRow(row), accept: "text/csv");
            status.Should().Be(200, body);
            answers.Add(body.Trim());
        }

        var batch = string.Join('\n', Enumerable.Range(10, 5).Select(Models.CancerCsvRow));
        var (batchStatus, batchBody, _) = await live.CallAsync(batch, accept: "text/csv");
        batchStatus.Should().Be(200, batchBody);
        answers.AddRange(batchBody.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await live.Endpoint.StopAsync();

        var capture = DataCapture.Read(live.CapturePath!, new CaptureReadOptions { InputColumns = Models.CancerFeatures });

        capture.SkippedLines.Should().Be(0);
        capture.Records.Should().Be(11);
        var rows = capture.Rows;
        rows.RowCount.Should().Be(15);
        foreach (var feature in new[] { "mean_radius", "worst_concave_points" })
        {
            var sent = Enumerable.Range(0, 15).Select(r => double.Parse(Models.Cancer[feature].Format(r)!, System.Globalization.CultureInfo.InvariantCulture)).Order();
            var read = Enumerable.Range(0, 15).Select(r => double.Parse(rows[feature].Format(r)!, System.Globalization.CultureInfo.InvariantCulture)).Order();
            read.Should().Equal(sent, $"the captured {feature} values are the ones sent");
        }

        Enumerable.Range(0, 15).Select(r => rows["prediction"].Format(r)).Order(StringComparer.Ordinal)
            .Should().Equal(answers.Order(StringComparer.Ordinal), "the captured outputs are the answers given");
    }
}
