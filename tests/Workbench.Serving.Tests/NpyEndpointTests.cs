using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data.Io;
using Workbench.Monitoring.Capture;
using Workbench.Serving.Batch;
using Workbench.Serving.Hosting;
using Workbench.Serving.Models;
using Workbench.Testing;

namespace Workbench.Serving.Tests;

/// <summary>
/// <c>application/x-npy</c> over loopback, as SageMaker's Python SDK sends and reads it: arrays in, JSON or arrays
/// out (loaded back by numpy), bad arrays refused with the server still up, captured as BASE64 and read back by the
/// monitor, and batch transform of <c>.npy</c> files.
/// </summary>
public sealed class NpyEndpointTests : IAsyncLifetime
{
    private const string Npy = "application/x-npy";
    private static readonly ServingModels Models = ServingModels.Instance;
    private readonly TempDirectory _folder = new("npy-endpoint");
    private LiveEndpoint _live = null!;

    public async Task InitializeAsync() => _live = await LiveEndpoint.StartDefaultAsync();

    public async Task DisposeAsync()
    {
        await _live.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_array_is_answered_as_the_same_rows_in_CSV()
    {
        var fromCsv = await Labels(await _live.PostAsync(NpyBodies.Get("cancer.csv"), "text/csv"));
        foreach (var name in new[] { "cancer_c", "cancer_fortran", "cancer_records" })
        {
            var response = await _live.PostAsync(NpyBodies.Get(name), Npy);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "JSON is the default answer");
            (await Labels(response)).Should().Equal(fromCsv, name);
        }
    }

    [Fact]
    public async Task Answers_in_npy_load_in_numpy_with_labels_and_probabilities()
    {
        var json = await _live.PostAsync(NpyBodies.Get("cancer_c"), Npy, "application/json", "/invocations?probabilities=true");
        using var expected = JsonDocument.Parse(await json.Content.ReadAsStringAsync());

        var labels = await _live.PostAsync(NpyBodies.Get("cancer_c"), Npy, Npy);
        labels.Content.Headers.ContentType!.MediaType.Should().Be(Npy);
        var withProbabilities = await _live.PostAsync(NpyBodies.Get("cancer_c"), Npy, Npy, "/invocations?probabilities=true");
        var integers = await _live.PostAsync(NpyBodies.Get("patients_records"), Npy, Npy, headers: new Dictionary<string, string> { ["X-Amzn-SageMaker-Target-Variant"] = "patients" });
        File.WriteAllBytes(_folder.File("labels.npy"), await labels.Content.ReadAsByteArrayAsync());
        File.WriteAllBytes(_folder.File("probabilities.npy"), await withProbabilities.Content.ReadAsByteArrayAsync());
        File.WriteAllBytes(_folder.File("integers.npy"), await integers.Content.ReadAsByteArrayAsync());

        var loaded = JsonNode.Parse(PythonPeer.Run("""
            import json, sys, numpy as np
            load = lambda name: np.load(f"{sys.argv[1]}/{name}.npy", allow_pickle=False)
            labels, records, integers = load("labels"), load("probabilities"), load("integers")
            print(json.dumps({
                "labels": labels.tolist(), "labels_kind": labels.dtype.kind, "fields": list(records.dtype.names),
                "predictions": records["prediction"].tolist(),
                "probabilities": [[records[f][i].item() for f in records.dtype.names[1:]] for i in range(len(records))],
                "integers": integers.tolist(), "integers_dtype": str(integers.dtype),
            }))
            """, [_folder.Path]))!;

        var classes = expected.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToList();
        var predictions = expected.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()).ToList();
        loaded["labels_kind"]!.GetValue<string>().Should().Be("U");
        loaded["labels"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal(predictions);
        loaded["fields"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal(["prediction", .. classes.Select(c => "probability_" + c)]);
        loaded["predictions"]!.AsArray().Select(l => l!.GetValue<string>()).Should().Equal(predictions);
        loaded["probabilities"]!.AsArray().Select(row => row!.AsArray().Select(p => p!.GetValue<double>()).ToArray())
            .Should().BeEquivalentTo(expected.RootElement.GetProperty("probabilities").EnumerateArray().Select(row => row.EnumerateArray().Select(p => p.GetDouble()).ToArray()), o => o.WithStrictOrdering());
        loaded["integers_dtype"]!.GetValue<string>().Should().Be("int64", "the patients model was trained on integer labels");
        loaded["integers"]!.AsArray().Should().HaveCount(400).And.OnlyContain(l => l!.GetValue<long>() == 0 || l!.GetValue<long>() == 1);
    }

    [Theory]
    [InlineData("cancer_objects", "invalid_npy")]
    [InlineData("cancer_truncated", "invalid_npy")]
    [InlineData("cancer_wrong_width", "wrong_shape")]
    [InlineData("cancer_inf", "invalid_data")]
    public async Task A_bad_array_gets_a_JSON_error_and_the_server_keeps_serving(string name, string code)
    {
        var response = await _live.PostAsync(NpyBodies.Get(name), Npy, Npy);
        ((int)response.StatusCode).Should().Be(400);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "errors are JSON whatever was asked");
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        error.RootElement.GetProperty("error").GetString().Should().Be(code);
        await _live.AssertStillServesAsync();
    }

    [Fact]
    public async Task Arrays_are_captured_as_BASE64_and_the_monitor_reads_them_back()
    {
        await using var live = await LiveEndpoint.StartAsync(new VariantOptions("champion", "models:/cancer/1"));
        var answer = await live.PostAsync(NpyBodies.Get("cancer_c"), Npy, Npy);
        answer.EnsureSuccessStatusCode();
        var labels = NpyArray.Read(await answer.Content.ReadAsByteArrayAsync());
        await live.Endpoint.StopAsync();

        var record = JsonNode.Parse(File.ReadLines(Directory.EnumerateFiles(live.CapturePath!, "*.jsonl", SearchOption.AllDirectories).Single()).Single())!;
        record["captureData"]!["endpointInput"]!["encoding"]!.GetValue<string>().Should().Be("BASE64");
        record["captureData"]!["endpointInput"]!["observedContentType"]!.GetValue<string>().Should().Be(Npy);
        record["captureData"]!["endpointOutput"]!["encoding"]!.GetValue<string>().Should().Be("BASE64");

        var capture = DataCapture.Read(live.CapturePath!, new CaptureReadOptions { InputColumns = Models.CancerFeatures });
        capture.SkippedLines.Should().Be(0);
        capture.Rows.RowCount.Should().Be(100);
        capture.Rows["mean_radius"].Format(0).Should().Be(Models.Cancer["mean_radius"].Format(0));
        capture.Rows["worst_symmetry"].Format(99).Should().Be(Models.Cancer["worst_symmetry"].Format(99));
        Enumerable.Range(0, 100).Select(r => capture.Rows["prediction"].Format(r))
            .Should().Equal(Enumerable.Range(0, 100).Select(r => System.Text.Encoding.UTF8.GetString(labels.Dtype!.ReadUtf8(labels.Item(r)))));
    }

    [Fact]
    public async Task Batch_transform_answers_each_npy_file_with_an_npy_file()
    {
        Directory.CreateDirectory(_folder.File("in"));
        File.WriteAllBytes(_folder.File("in/a.npy"), NpyBodies.Get("cancer_c"));
        File.WriteAllBytes(_folder.File("in/b.npy"), NpyBodies.Get("cancer_records"));
        File.WriteAllBytes(_folder.File("in/c.npy"), NpyBodies.Get("cancer_inf"));
        var load = new ModelLoadOptions { WorkbenchHome = Models.Home };
        var options = new BatchTransformOptions("models:/cancer/1", _folder.File("in"), _folder.File("out"))
        {
            ContentType = Npy,
            SplitType = BatchSplitType.None,
            LoadOptions = load,
        };

        var result = await BatchTransform.RunAsync(options);

        result.Succeeded.Should().Be(2);
        result.Records.Should().Be(200);
        var expected = await Labels(await _live.PostAsync(NpyBodies.Get("cancer.csv"), "text/csv"));
        foreach (var name in new[] { "a", "b" })
        {
            var answer = NpyArray.Read(File.ReadAllBytes(_folder.File($"out/{name}.npy.out")));
            Enumerable.Range(0, 100).Select(r => System.Text.Encoding.UTF8.GetString(answer.Dtype!.ReadUtf8(answer.Item(r)))).Should().Equal(expected, name);
        }

        var failed = result.Files.Single(f => f.Status == BatchFileStatus.Failed);
        failed.Error.Should().Contain("c.npy, row 3").And.Contain(Models.CancerFeatures[5]);

        var byLine = async () => await BatchTransform.RunAsync(options with { SplitType = BatchSplitType.Line });
        (await byLine.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("SplitType None");
    }

    private static async Task<List<string?>> Labels(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetString()).ToList();
    }
}
