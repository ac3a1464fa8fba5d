using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Testing;

namespace Workbench.Tests.Data.Io;

public sealed class JsonLinesTests
{
    [Fact]
    public void Keys_become_columns_typed_by_their_json_values()
    {
        var frame = JsonLinesReader.ReadText("""
            {"id": 1, "score": 0.5, "ok": true, "label": "a", "when": "2024-01-31T08:00:00", "meta": {"k": [1, 2]}}
            {"id": 2, "score": 1, "ok": false, "label": "b", "when": "2024-02-01", "extra": "late key"}

            {"id": 3, "score": null, "label": "a", "when": null, "meta": [true]}
            {"id": 4, "score": 2.5, "ok": null, "label": "a", "when": "2024-02-03", "meta": null}
            """);
        frame.ColumnNames.Should().Equal("id", "score", "ok", "label", "when", "meta", "extra");
        frame.Schema.Select(s => s.Type).Should().Equal(
            ColumnType.Int64, ColumnType.Double, ColumnType.Boolean, ColumnType.Categorical, ColumnType.DateTime, ColumnType.String, ColumnType.String);
        frame.RowCount.Should().Be(4, "blank lines are ignored");
        frame["score"].IsNull(2).Should().BeTrue();
        frame["ok"].NullCount.Should().Be(2, "an absent key and null are both missing");
        frame["meta"].Format(0).Should().Be("{\"k\": [1, 2]}");
        frame["extra"].Format(1).Should().Be("late key");
        frame["extra"].IsNull(0).Should().BeTrue();
    }

    [Fact]
    public void Mixed_kinds_become_text()
    {
        var frame = JsonLinesReader.ReadText("{\"v\": 1}\n{\"v\": \"x\"}\n{\"v\": true}\n{\"v\": 2.5}\n");
        ((StringColumn)frame["v"]).Values.ToArray().Should().Equal("1", "x", "true", "2.5");
    }

    [Fact]
    public void Malformed_lines_fail_or_are_skipped_with_their_line_numbers()
    {
        using var folder = new TempDirectory("jsonl");
        var path = folder.Write("capture.jsonl", "{\"a\": 1}\n[1, 2]\n{\"a\": 2\n{\"a\": 3} trailing\n{\"a\": 4}\n");
        var act = () => JsonLinesReader.Read(path);
        act.Should().Throw<DataFormatException>().WithMessage("*capture.jsonl, line 2: the line is not a JSON object*");

        var result = JsonLinesReader.ReadWithReport(path, new JsonLinesReadOptions { OnMalformedRow = MalformedRowPolicy.Skip });
        result.Frame.Get<Int64Column>("a").Values.ToArray().Should().Equal(1, 4);
        result.SkippedRows.Select(i => i.Line).Should().Equal(2, 3, 4);
        result.SkippedRows[1].Message.Should().Contain("not valid JSON");
    }

    [Fact]
    public void Declared_types_convert_or_make_the_row_malformed()
    {
        var options = new JsonLinesReadOptions
        {
            ColumnTypes = new Dictionary<string, ColumnType> { ["age"] = ColumnType.Double, ["zip"] = ColumnType.String },
            OnMalformedRow = MalformedRowPolicy.Skip,
        };
        using var stream = new MemoryStream("{\"age\": \"42.5\", \"zip\": 501}\n{\"age\": \"old\", \"zip\": 2}\n{\"age\": 7, \"zip\": null}\n"u8.ToArray());
        var result = JsonLinesReader.ReadWithReport(stream, options, "vitals");
        result.Frame.Get<DoubleColumn>("age").Values.ToArray().Should().Equal(42.5, 7);
        result.Frame["zip"].Format(0).Should().Be("501");
        result.SkippedRows.Should().ContainSingle().Which.ToString().Should().Be("vitals, line 2, column 'age': 'old' is not float64 (the column is declared float64)");
        var unknown = () => JsonLinesReader.ReadText("{\"a\": 1}\n", new JsonLinesReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["b"] = ColumnType.Double } });
        unknown.Should().Throw<ArgumentException>().WithMessage("*no key 'b'*");
    }

    [Fact]
    public void Writer_round_trips_and_writes_nan_as_null()
    {
        var frame = new Frame(
            new Int64Column("id", [1L, 2L]),
            new DoubleColumn("x", [double.NaN, 2.25]),
            new StringColumn("name", ["José \"J\"", null]),
            new BooleanColumn("ok", [true, null]),
            new DateTimeColumn("when", [new DateTime(2024, 1, 31, 8, 0, 0), new DateTime(2024, 2, 1)]));
        var text = JsonLinesWriter.ToText(frame);
        text.Split('\n')[0].Should().Be("{\"id\":1,\"x\":null,\"name\":\"José \\\"J\\\"\",\"ok\":true,\"when\":\"2024-01-31T08:00:00\"}");

        using var folder = new TempDirectory("jsonl");
        var path = folder.File("frame.jsonl");
        frame.WriteJsonLines(path);
        var back = Frame.ReadJsonLines(path);
        back.Schema.Should().Equal(frame.Schema);
        back["x"].IsNull(0).Should().BeTrue("NaN has no JSON form: it comes back missing");
        back["name"].Format(0).Should().Be("José \"J\"");
        back.Get<DateTimeColumn>("when").Values.ToArray().Should().Equal(frame.Get<DateTimeColumn>("when").Values.ToArray());
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var act = () => JsonLinesReader.Read("/nowhere/capture.jsonl");
        act.Should().Throw<FileNotFoundException>().WithMessage("*capture.jsonl' does not exist*");
    }
}
