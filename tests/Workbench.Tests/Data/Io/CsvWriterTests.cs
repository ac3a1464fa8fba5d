using System.Text;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Testing;

namespace Workbench.Tests.Data.Io;

public sealed class CsvWriterTests
{
    private static Frame Mixed() => new(
        new DoubleColumn("x", [0.1 + 0.2, null, -1e-300, double.NaN]),
        new Int64Column("n", [1L, long.MinValue, null, 4L]),
        new BooleanColumn("b", [true, false, null, true]),
        new StringColumn("text", ["plain", "with, comma", "say \"hi\"\nnext line", " padded "]),
        new CategoricalColumn("c", ["a", null, "b", "a"]),
        new DateTimeColumn("when", [new DateTime(2024, 1, 31), new DateTime(2024, 2, 1, 8, 15, 30, 250), null, new DateTime(2024, 3, 1, 0, 0, 1, DateTimeKind.Utc)]));

    [Fact]
    public void Writes_rfc4180_quoting_invariant_numbers_and_empty_missing_values()
    {
        var text = CsvWriter.ToText(Mixed());
        var lines = text.Split('\n');
        lines[0].Should().Be("x,n,b,text,c,when");
        lines[1].Should().Be("0.30000000000000004,1,true,plain,a,2024-01-31");
        lines[2].Should().Be(",-9223372036854775808,false,\"with, comma\",,2024-02-01T08:15:30.25");
        text.Should().Contain("\"say \"\"hi\"\"\nnext line\"").And.Contain("\" padded \"").And.Contain("2024-03-01T00:00:01Z");
        text.Should().EndWith("\n");
    }

    [Fact]
    public void Doubles_are_written_as_the_shortest_text_R_gives()
    {
        var random = new Random(11);
        double?[] values = [.. Enumerable.Range(0, 5000).Select(i => (double?)(i % 3 == 0 ? random.NextDouble() : BitConverter.Int64BitsToDouble(random.NextInt64()))),
            double.PositiveInfinity, double.NegativeInfinity, -0.0, 1e-5, 1e16, 1e17];
        var column = new DoubleColumn("x", values);

        var lines = CsvWriter.ToText(new Frame(column)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);

        lines.Should().Equal(values.Select(v => double.IsNaN(v!.Value) ? "NaN" : v.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_written_file_reads_back_to_the_same_content()
    {
        using var folder = new TempDirectory("csv");
        var path = folder.File("out/mixed.csv");
        var frame = Mixed();
        frame.WriteCsv(path);
        var options = new CsvReadOptions
        {
            MissingValues = new MissingValueTokens([""]),
            ColumnTypes = new Dictionary<string, ColumnType> { ["c"] = ColumnType.Categorical, ["text"] = ColumnType.String },
        };
        var back = CsvReader.Read(path, options);
        back.Schema.Should().Equal(frame.Schema);
        back.Fingerprint().Should().Be(frame.Fingerprint(), "every value, missing value and NaN survives the round trip");
        Directory.GetFiles(folder.File("out")).Should().ContainSingle("the temporary file was renamed into place");
    }

    [Fact]
    public void Options_change_separator_missing_text_header_and_encoding()
    {
        var frame = new Frame(new StringColumn("name", ["José", null]), new DoubleColumn("v", [1.5, 2]));
        using var stream = new MemoryStream();
        CsvWriter.Write(frame, stream, new CsvWriteOptions { Separator = ';', MissingValue = "NA", WriteHeader = false, Encoding = Encoding.Latin1, NewLine = "\r\n" });
        var bytes = stream.ToArray();
        bytes.Should().Contain((byte)0xE9, "é is one Latin-1 byte");
        Encoding.Latin1.GetString(bytes).Should().Be("José;1.5\r\nNA;2\r\n");
    }

    [Fact]
    public void Overwriting_replaces_the_whole_file()
    {
        using var folder = new TempDirectory("csv");
        var path = folder.Write("data.csv", new string('x', 10_000));
        new Frame(new Int64Column("a", [1L])).WriteCsv(path);
        File.ReadAllText(path).Should().Be("a\n1\n");
    }
}
