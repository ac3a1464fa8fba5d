using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// The general JSON reader (<see cref="JsonRequestParser"/>) and the hand-scanned way into a frame
/// (<see cref="JsonFrameReader"/>) read every JSON number as <c>JsonElement.GetDouble</c> does.
/// </summary>
public sealed class JsonRequestParserTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Numbers_in_every_form_JSON_allows_read_as_GetDouble_reads_them(bool scanJsonByHand)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var names = bundle.Layout.Columns.Select(c => c.Name).ToArray();
        var ranges = names.Select(n => bundle.Schema.Column(n)).Select(s => (s.Min!.Value, s.Max!.Value)).ToArray();
        var random = new Random(20261123);
        string[] formats = ["R", "G17", "G5", "F6", "E3", "e10", "0.###############"];
        var rows = Enumerable.Range(0, 200).Select(_ => ranges.Select(range =>
            (range.Item1 + (random.NextDouble() * (range.Item2 - range.Item1))).ToString(formats[random.Next(formats.Length)], CultureInfo.InvariantCulture)).ToArray()).ToArray();
        // Rows as objects by name.
        var body = Encoding.UTF8.GetBytes("{\"instances\": [" + string.Join(",", rows.Select(row =>
            "{" + string.Join(",", names.Select((n, c) => $"\"{n}\": {row[c]}")) + "}")) + "]}");

        if (scanJsonByHand)
        {
            JsonFrameReader.TryRead(bundle.Layout, bundle.Keys, body).Should().NotBeNull();
        }

        var frame = RequestReader.Read(bundle, body, DataFormat.Json, header: false, scanJsonByHand);

        for (var c = 0; c < names.Length; c++)
        {
            var column = (DoubleColumn)frame[names[c]];
            var expected = rows.Select(row => JsonDocument.Parse(row[c]).RootElement.GetDouble());
            Enumerable.Range(0, rows.Length).Select(r => BitConverter.DoubleToInt64Bits((double)column[r]!)).Should().Equal(expected.Select(BitConverter.DoubleToInt64Bits), names[c]);
        }
    }

    [Fact]
    public void A_key_given_twice_in_a_row_object_does_not_hide_an_absent_column()
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var names = bundle.Layout.Columns.Select(c => c.Name).ToArray();
        // mean_texture twice, mean_radius absent: as many keys as columns.
        var members = names.Skip(1).Select(n => $"\"{n}\": {Models.Cancer[n].Format(0)}").Prepend("\"mean_texture\": 1");
        var body = Encoding.UTF8.GetBytes("{\"dataframe_records\": [{" + string.Join(", ", members) + "}]}");

        var refused = FluentActions.Invoking(() => RequestReader.Read(bundle, body, DataFormat.Json, header: false, scanJsonByHand: false)).Should().Throw<ServingException>().Which;

        refused.Status.Should().Be(400);
        refused.Problems.Should().ContainSingle().Which.Should().Match<RequestProblem>(p => p.Kind == "missing_column" && p.Column == "mean_radius" && p.Row == 0);
    }
}
