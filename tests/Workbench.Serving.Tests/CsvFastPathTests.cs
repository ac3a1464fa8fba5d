using System.Buffers;
using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Learning.Estimators;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// The request fast paths against the general ones: plain-number CSV rows read straight into the columns give the
/// frame the general reader gives (rows it declines fall back, one by one), and labels written from pre-encoded bytes
/// are the JSON Utf8JsonWriter writes.
/// </summary>
public sealed class CsvFastPathTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plain_rows_and_the_rows_it_declines_read_as_the_general_reader_reads_them(bool trailingNewline)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        bundle.Layout.Columns.Should().OnlyContain(c => c.Type == ColumnType.Double);
        var rows = Enumerable.Range(0, 12).Select(r => Models.CancerCsvRow(r).Split(',')).ToArray();
        rows[1][3] = " " + rows[1][3] + " ";            // spaces: trimmed by the general reader
        rows[2][0] = "\"" + rows[2][0] + "\"";          // a quoted number
        rows[3][5] = string.Empty;                      // a missing cell
        rows[4][7] = "+" + rows[4][7];                  // a plus sign
        rows[5][2] = "1.228e2";                         // an exponent (the fast path reads it)
        rows[6][9] = "12345678901234567890";            // too many digits for the fast path
        rows[7][4] = "NA";                              // a missing-value token
        var lines = rows.Select(r => string.Join(",", r)).ToList();
        lines[8] += "\r";                               // CRLF
        lines.Insert(10, string.Empty);                 // a blank line
        // With a newline after the last row the numbers are scanned without bounds checks (EndsWithDelimiter).
        var body = string.Join("\n", lines) + (trailingNewline ? "\n" : string.Empty);

        var fast = Parse(bundle, body, header: false);
        var general = Parse(bundle, string.Join(",", bundle.Layout.Columns.Select(c => c.Name)) + "\n" + body, header: true);
        fast.Problems.Should().BeEmpty();
        fast.Rows.Should().Be(12);
        var (a, b) = (fast.Build(), general.Build());
        for (var c = 0; c < a.ColumnCount; c++)
        {
            a[c].Name.Should().Be(b[c].Name);
            for (var r = 0; r < a.RowCount; r++)
            {
                a[c][r].Should().Be(b[c][r], $"row {r}, column '{a[c].Name}'");
            }
        }

        a[5][3].Should().BeNull();
        a[4][7].Should().BeNull();
        ((double)a[2][5]!).Should().Be(122.8);
    }

    [Fact]
    public void A_bad_row_among_plain_ones_is_reported_with_its_line()
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var rows = Enumerable.Range(0, 6).Select(r => Models.CancerCsvRow(r).Split(',')).ToArray();
        rows[3] = rows[3][1..];
        rows[5][2] = "abc";
        var builder = Parse(bundle, string.Join("\n", rows.Select(r => string.Join(",", r))) + "\n", header: false);
        builder.Rows.Should().Be(6);
        builder.Problems.Select(p => (p.Line, p.Row, p.Column, p.Kind)).Should().Equal(
            (4, 3, null, "wrong_field_count"),
            (6, 5, bundle.Layout[2].Name, "wrong_type"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_are_written_as_Utf8JsonWriter_writes_them(bool integerLabels)
    {
        using var folder = new Workbench.Testing.TempDirectory("labels");
        var random = new Random(7);
        var x = new float[90 * 2];
        string[] names = integerLabels ? ["0", "1", "2"] : ["say \"hi\"", "naïve é", "<b>&amp;</b>\\"];
        var y = new List<string>();
        for (var i = 0; i < 90; i++)
        {
            x[2 * i] = (float)((i % 3) + (random.NextDouble() * 0.1));
            x[(2 * i) + 1] = (float)random.NextDouble();
            y.Add(names[i % 3]);
        }

        var path = Path.Combine(folder.Path, "model.wbm");
        var matrix = new DenseMatrix(x, 90, 2, ["a", "b"]);
        if (integerLabels)
        {
            new LogisticRegression().Fit(matrix, y.Select(int.Parse).ToArray()).Save(path);
        }
        else
        {
            new LogisticRegression().Fit(matrix, y).Save(path);
        }

        var predictor = Predictor.Load(path);
        var predictions = predictor.Predict(new Frame(new DoubleColumn("a", x.Where((_, i) => i % 2 == 0).Select(v => (double)v).ToArray()), new DoubleColumn("b", x.Where((_, i) => i % 2 == 1).Select(v => (double)v).ToArray())));
        var written = new ArrayBufferWriter<byte>();
        PredictionWriter.Write(written, predictions.Slice(3, 60), DataFormat.Json, probabilities: false);

        var expected = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(expected, JsonText.Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("predictions");
            for (var r = 3; r < 63; r++)
            {
                if (integerLabels)
                {
                    json.WriteNumberValue(long.Parse(predictions.Label(r), System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteStringValue(predictions.Label(r));
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        Encoding.UTF8.GetString(written.WrittenSpan).Should().Be(Encoding.UTF8.GetString(expected.WrittenSpan));
        predictions.ClassIds!.Skip(3).Take(60).Distinct().Should().HaveCount(3, "every label appears in the answer");
    }

    private static FrameBuilder Parse(ModelBundle bundle, string body, bool header)
    {
        var builder = new FrameBuilder(bundle.Layout);
        CsvRequestParser.Parse(Encoding.UTF8.GetBytes(body), builder, header);
        return builder;
    }
}
