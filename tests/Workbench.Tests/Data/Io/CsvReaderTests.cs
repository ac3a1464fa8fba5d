using System.Text;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Testing;

namespace Workbench.Tests.Data.Io;

public sealed class CsvReaderTests
{
    [Fact]
    public void Infers_bool_int_float_date_and_text_types()
    {
        var frame = CsvReader.ReadText("""
            flag,count,ratio,when,label,note
            true,1,0.5,2024-01-31,a,x1
            FALSE,2,1e3,2024-02-01T08:15:00,b,x2
            True,-3,-.25,2024-02-02 09:00:00.5,a,x3
            false,4,+7,2024-02-03T10:00:00Z,a,x4
            """);
        frame.Schema.Should().Equal(
            ("flag", ColumnType.Boolean), ("count", ColumnType.Int64), ("ratio", ColumnType.Double),
            ("when", ColumnType.DateTime), ("label", ColumnType.Categorical), ("note", ColumnType.String));
        frame.Get<BooleanColumn>("flag").Values.ToArray().Should().Equal(true, false, true, false);
        frame.Get<Int64Column>("count").Values.ToArray().Should().Equal(1, 2, -3, 4);
        frame.Get<DoubleColumn>("ratio").Values.ToArray().Should().Equal(0.5, 1000, -0.25, 7);
        var when = frame.Get<DateTimeColumn>("when");
        when.Values[1].Should().Be(new DateTime(2024, 2, 1, 8, 15, 0));
        when.Values[2].Should().Be(new DateTime(2024, 2, 2, 9, 0, 0, 500));
        when.Values[3].Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Whole_numbers_widen_to_float_when_a_fraction_appears()
    {
        var frame = CsvReader.ReadText("x\n1\n2\n2.5\n");
        frame.Get<DoubleColumn>("x").Values.ToArray().Should().Equal(1, 2, 2.5);
    }

    [Fact]
    public void Numbers_are_correctly_rounded_and_culture_invariant()
    {
        string[] texts = ["0.1", "0.30000000000000004", "1.7976931348623157e308", "4.9e-324", "123456789012345678901234", "-0.0", " 42.5 ", "1E+22", "9007199254740993", "2.2250738585072011e-308"];
        var frame = CsvReader.ReadText("x\n" + string.Join("\n", texts) + "\n");
        var values = frame.Get<DoubleColumn>("x").Values.ToArray();
        for (var i = 0; i < texts.Length; i++)
        {
            values[i].Should().Be(double.Parse(texts[i], System.Globalization.CultureInfo.InvariantCulture), texts[i]);
        }

        double.IsNegative(values[5]).Should().BeTrue("-0.0 keeps its sign");
        var special = CsvReader.ReadText("x\ninf\n-Infinity\n1,5\n", new CsvReadOptions { Separator = ';' });
        special["x"].Type.Should().Be(ColumnType.String, "1,5 is not a number: the decimal separator is always '.'");
        var infinities = CsvReader.ReadText("x\ninf\n-Infinity\n");
        infinities.Get<DoubleColumn>("x").Values.ToArray().Should().Equal(double.PositiveInfinity, double.NegativeInfinity);
    }

    [Fact]
    public void Default_missing_tokens_follow_pandas_and_can_be_replaced()
    {
        var text = "a,b\n1,NA\n,N/A\nNaN,null\n4,x\n";
        var frame = CsvReader.ReadText(text);
        frame["a"].NullCount.Should().Be(2);
        frame["a"].Type.Should().Be(ColumnType.Int64);
        frame["b"].NullCount.Should().Be(3);
        frame["b"].Format(3).Should().Be("x");

        var custom = CsvReader.ReadText("a\n-999\n5\n?\n", new CsvReadOptions { MissingValues = new MissingValueTokens(["-999", "?"]) });
        custom["a"].NullCount.Should().Be(2);
        custom.Get<Int64Column>("a")[1].Should().Be(5);

        var none = CsvReader.ReadText("a\nNA\nb\n", new CsvReadOptions { MissingValues = MissingValueTokens.None });
        none["a"].NullCount.Should().Be(0);
        none["a"].Format(0).Should().Be("NA");

        var nanAsValue = CsvReader.ReadText("a\nNaN\n1\n", new CsvReadOptions { MissingValues = new MissingValueTokens([""]) });
        nanAsValue["a"].NullCount.Should().Be(0);
        double.IsNaN(nanAsValue.Get<DoubleColumn>("a").Values[0]).Should().BeTrue("with NaN removed from the tokens it is a value");
    }

    [Fact]
    public void Quoted_fields_hold_separators_quotes_and_newlines()
    {
        var frame = CsvReader.ReadText("id,text,n\r\n1,\"a, b\",1\r\n2,\"say \"\"hi\"\"\",2\r\n3,\"two\r\nlines\",3\r\n4,\"\",4\r\n5,x\"y,5\r\n");
        var text = (StringColumn)frame["text"];
        text.Values.ToArray().Should().Equal("a, b", "say \"hi\"", "two\r\nlines", null, "x\"y");
        frame.Get<Int64Column>("n").Values.ToArray().Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void Separators_and_blank_lines()
    {
        CsvReader.ReadText("a;b\n1;2\n", new CsvReadOptions { Separator = ';' }).ColumnNames.Should().Equal("a", "b");
        var tabs = CsvReader.ReadText("a\tb\n1\t2\n\n3\t4\n", new CsvReadOptions { Separator = '\t' });
        tabs.RowCount.Should().Be(2, "blank lines are ignored");
        var bad = () => CsvReader.ReadText("a\n", new CsvReadOptions { Separator = '"' });
        bad.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Headerless_files_get_names()
    {
        var generated = CsvReader.ReadText("1,2\n3,4\n", new CsvReadOptions { HasHeader = false });
        generated.ColumnNames.Should().Equal("column_0", "column_1");
        generated.RowCount.Should().Be(2);
        var named = CsvReader.ReadText("1,2\n", new CsvReadOptions { HasHeader = false, ColumnNames = ["x", "y"] });
        named.ColumnNames.Should().Equal("x", "y");
        var wrong = () => CsvReader.ReadText("1,2\n", new CsvReadOptions { HasHeader = false, ColumnNames = ["x"] });
        wrong.Should().Throw<DataFormatException>().WithMessage("*1 column names were given but the first row has 2 fields*");
    }

    [Fact]
    public void Repeated_and_empty_header_names_are_made_unique_like_pandas()
    {
        CsvReader.ReadText("a,a,,a\n1,2,3,4\n").ColumnNames.Should().Equal("a", "a.1", "Unnamed: 2", "a.2");
    }

    [Fact]
    public void Declared_types_override_inference()
    {
        var options = new CsvReadOptions
        {
            ColumnTypes = new Dictionary<string, ColumnType>
            {
                ["zip"] = ColumnType.String, ["score"] = ColumnType.Double, ["grade"] = ColumnType.Categorical,
                ["ok"] = ColumnType.Boolean, ["small"] = ColumnType.Single, ["day"] = ColumnType.DateTime,
            },
        };
        var frame = CsvReader.ReadText("zip,score,grade,ok,small,day\n00501,1,a,yes,0.1,01/31/2024\n02134,2,b,0,0.2,2024-02-01\n", options);
        frame.Schema.Should().Equal(("zip", ColumnType.String), ("score", ColumnType.Double), ("grade", ColumnType.Categorical),
            ("ok", ColumnType.Boolean), ("small", ColumnType.Single), ("day", ColumnType.DateTime));
        frame["zip"].Format(0).Should().Be("00501", "text keeps leading zeros");
        frame.Get<BooleanColumn>("ok").Values.ToArray().Should().Equal(true, false);
        frame.Get<SingleColumn>("small").Values[0].Should().Be(0.1f);
        frame.Get<DateTimeColumn>("day").Values[0].Should().Be(new DateTime(2024, 1, 31));

        var unknown = () => CsvReader.ReadText("age\n1\n", new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["agee"] = ColumnType.Double } });
        unknown.Should().Throw<ArgumentException>().WithMessage("*did you mean 'age'*");
    }

    [Fact]
    public void An_unparsable_value_in_a_declared_column_names_file_line_and_column()
    {
        using var folder = new TempDirectory("csv");
        var path = folder.Write("vitals.csv", "id,age\n1,34\n2,\"forty\"\n3,51\n");
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["age"] = ColumnType.Int64 } };
        var act = () => CsvReader.Read(path, options);
        act.Should().Throw<DataFormatException>().WithMessage("*vitals.csv, line 3, column 'age': 'forty' is not a whole number*")
            .Which.Issue!.Line.Should().Be(3);

        var skipped = CsvReader.ReadWithReport(path, options with { OnMalformedRow = MalformedRowPolicy.Skip });
        skipped.Frame.RowCount.Should().Be(2);
        skipped.Frame.Get<Int64Column>("id").Values.ToArray().Should().Equal(1, 3);
        skipped.SkippedRowCount.Should().Be(1);
        skipped.SkippedRows[0].Column.Should().Be("age");
    }

    [Fact]
    public void Ragged_rows_fail_or_are_skipped_with_their_lines()
    {
        using var folder = new TempDirectory("csv");
        var path = folder.Write("ragged.csv", "a,b,c\n1,2,3\n\"multi\nline\",5,6\n7,8\n9,10,11,12\n13,14,15\n");
        var act = () => CsvReader.Read(path);
        act.Should().Throw<DataFormatException>().WithMessage("*ragged.csv, line 5: 2 fields where the header has 3*");

        var result = CsvReader.ReadWithReport(path, new CsvReadOptions { OnMalformedRow = MalformedRowPolicy.Skip });
        result.Frame.RowCount.Should().Be(3);
        result.SkippedRows.Select(i => i.Line).Should().Equal(5, 6);
        result.SkippedRows[1].Message.Should().Contain("4 fields");
        result.Frame["a"].Format(1).Should().Be("multi\nline");
    }

    [Fact]
    public void An_unclosed_quote_at_the_end_is_reported()
    {
        var act = () => CsvReader.ReadText("a,b\n1,\"open\n2,3\n");
        act.Should().Throw<DataFormatException>().WithMessage("*line 2: a quoted field is never closed*");
    }

    [Fact]
    public void Missing_and_empty_files_name_the_file()
    {
        using var folder = new TempDirectory("csv");
        var missing = () => CsvReader.Read(folder.File("nope.csv"));
        missing.Should().Throw<FileNotFoundException>().WithMessage("*nope.csv' does not exist*");
        var empty = folder.Write("empty.csv", string.Empty);
        var act = () => CsvReader.Read(empty);
        act.Should().Throw<DataFormatException>().WithMessage("*empty.csv is empty*");
        var blank = folder.Write("blank.csv", "\n\n");
        var blankAct = () => CsvReader.Read(blank);
        blankAct.Should().Throw<DataFormatException>().WithMessage("*blank.csv is empty*");
        var headerOnly = CsvReader.Read(folder.Write("header.csv", "a,b\n"));
        headerOnly.Shape.Should().Be((0, 2));
    }

    [Theory]
    [InlineData("utf8-bom")]
    [InlineData("latin1")]
    [InlineData("utf16-bom")]
    [InlineData("utf16be-bom")]
    [InlineData("utf16-declared")]
    public void Encodings_are_decoded(string kind)
    {
        const string text = "name,city\nJosé,Zürich\nØyvind,Malmö\n";
        var (bytes, encoding) = kind switch
        {
            "utf8-bom" => (Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), (Encoding?)null),
            "latin1" => (Encoding.Latin1.GetBytes(text), Encoding.Latin1),
            "utf16-bom" => (Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), null),
            "utf16be-bom" => (Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(), null),
            _ => (Encoding.Unicode.GetBytes(text), Encoding.Unicode),
        };
        using var folder = new TempDirectory("csv");
        var path = folder.File("people.csv");
        File.WriteAllBytes(path, bytes);
        var frame = CsvReader.Read(path, new CsvReadOptions { Encoding = encoding });
        frame.ColumnNames.Should().Equal("name", "city");
        ((StringColumn)frame["name"]).Values.ToArray().Should().Equal("José", "Øyvind");
        frame["city"].Format(1).Should().Be("Malmö");
    }

    [Fact]
    public void Chunked_parallel_reading_gives_the_same_frame_as_one_chunk()
    {
        using var folder = new TempDirectory("csv");
        var path = folder.File("many.csv");
        var text = new StringBuilder("id,x,label,note\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{(i % 7 == 0 ? "" : (i * 0.37).ToString("R", System.Globalization.CultureInfo.InvariantCulture))},{(char)('a' + (i % 5))},\"line {i},\n\"\"quoted\"\"\"\n");
        }

        File.WriteAllText(path, text.ToString());
        var whole = CsvReader.Read(path, new CsvReadOptions { DegreeOfParallelism = 1, ChunkBytes = 64 << 20 });
        var chunked = CsvReader.Read(path, new CsvReadOptions { DegreeOfParallelism = 4, ChunkBytes = 4096 });
        chunked.RowCount.Should().Be(20_000);
        chunked.Fingerprint().Should().Be(whole.Fingerprint());
        chunked["note"].Format(19_999).Should().Be("line 19999,\n\"quoted\"");
        chunked["x"].NullCount.Should().Be(whole["x"].NullCount).And.BeGreaterThan(0);
    }

    [Fact]
    public void Text_found_late_in_a_numeric_looking_column_keeps_the_exact_text()
    {
        using var folder = new TempDirectory("csv");
        var path = folder.File("codes.csv");
        var text = new StringBuilder("code,n\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i:00000},{i}\n");
        }

        text.Append("A1234,5000\n");
        File.WriteAllText(path, text.ToString());
        var frame = CsvReader.Read(path, new CsvReadOptions { ChunkBytes = 2048, DegreeOfParallelism = 2 });
        frame["code"].Type.Should().Be(ColumnType.String);
        frame["code"].Format(7).Should().Be("00007", "the file was read again with the column as text, not reformatted");
        frame["code"].Format(5000).Should().Be("A1234");
        frame["n"].Type.Should().Be(ColumnType.Int64);

        // A stream that cannot be read again converts the numbers already read to text instead.
        using var stream = new NonSeekableStream(File.ReadAllBytes(path));
        var fromStream = CsvReader.ReadWithReport(stream, new CsvReadOptions { ChunkBytes = 2048, DegreeOfParallelism = 1 }, "codes").Frame;
        fromStream["code"].Type.Should().Be(ColumnType.String);
        fromStream["code"].Format(5000).Should().Be("A1234");
        fromStream.RowCount.Should().Be(5001);
    }

    [Fact]
    public void A_row_longer_than_a_chunk_grows_the_buffer()
    {
        var longText = new string('x', 10_000);
        var frame = CsvReader.ReadText($"a,b\n1,{longText}\n2,\"{longText}\n{longText}\"\n", new CsvReadOptions { ChunkBytes = 1024 });
        frame["b"].Format(0)!.Length.Should().Be(10_000);
        frame["b"].Format(1)!.Length.Should().Be(20_001);
    }

    [Fact]
    public void Max_rows_stops_early()
    {
        CsvReader.ReadText("a\n1\n2\n3\n", new CsvReadOptions { MaxRows = 2 }).RowCount.Should().Be(2);
    }

    [Fact]
    public void Text_becomes_categorical_only_with_few_distinct_values()
    {
        var rows = string.Concat(Enumerable.Range(0, 100).Select(i => $"{(i % 2 == 0 ? "F" : "M")},id{i}\n"));
        var frame = CsvReader.ReadText("sex,id\n" + rows);
        frame["sex"].Type.Should().Be(ColumnType.Categorical);
        frame["id"].Type.Should().Be(ColumnType.String);
        var off = CsvReader.ReadText("sex,id\n" + rows, new CsvReadOptions { InferCategoricals = false });
        off["sex"].Type.Should().Be(ColumnType.String);
        var small = CsvReader.ReadText("sex,id\n" + rows, new CsvReadOptions { MaxCategories = 1 });
        small["sex"].Type.Should().Be(ColumnType.String);
    }

    [Fact]
    public void An_all_missing_column_is_float64_like_pandas()
    {
        var frame = CsvReader.ReadText("a,b\n1,\n2,NA\n");
        frame["b"].Type.Should().Be(ColumnType.Double);
        frame["b"].NullCount.Should().Be(2);
    }

    [Fact]
    public void Reads_the_patients_sample_with_its_types()
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));
        frame.Shape.Should().Be((5000, 19));
        frame["admitted_at"].Type.Should().Be(ColumnType.DateTime);
        frame["patient_id"].Type.Should().Be(ColumnType.String);
        frame["smoker"].Type.Should().Be(ColumnType.Categorical);
        frame["diabetes"].Type.Should().Be(ColumnType.Boolean);
        frame["bmi"].NullCount.Should().Be(137);
        frame["cholesterol"].NullCount.Should().Be(301);
        frame["readmitted_30d"].Type.Should().Be(ColumnType.Int64);
    }

    [Fact]
    public void The_corrupt_batch_reads_with_text_where_numbers_were_expected()
    {
        var path = Path.Combine(RepoPaths.DataSamples, "batches", "patients", "corrupt.csv");
        var inferred = Frame.ReadCsv(path);
        inferred["age"].IsNumeric.Should().BeFalse("text in age makes the whole column text unless a type is declared");
        inferred["age"].Format(0).Should().Be("78");
        var declared = CsvReader.ReadWithReport(path, new CsvReadOptions
        {
            ColumnTypes = new Dictionary<string, ColumnType> { ["age"] = ColumnType.Int64, ["systolic_bp"] = ColumnType.Int64 },
            OnMalformedRow = MalformedRowPolicy.Skip,
        });
        declared.SkippedRowCount.Should().BeGreaterThan(0);
        declared.Frame.RowCount.Should().Be(300 - declared.SkippedRowCount);
        declared.SkippedRows.Should().OnlyContain(i => i.Column == "age" || i.Column == "systolic_bp");
        declared.SkippedRows.Should().OnlyContain(i => i.Source.EndsWith("corrupt.csv"));
    }

    [Fact]
    public void Batches_keep_the_first_batch_types_and_cover_every_row()
    {
        using var folder = new TempDirectory("csv");
        var path = folder.Write("batches.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"{i},{(i == 23 ? "oops" : i * 0.5)}\n")));
        var issues = new List<DataIssue>();
        var batches = CsvReader.ReadBatches(path, 10, new CsvReadOptions { OnMalformedRow = MalformedRowPolicy.Skip }, issues.Add).ToList();
        batches.Select(b => b.RowCount).Should().Equal(10, 10, 4);
        batches.Should().OnlyContain(b => b["b"].Type == ColumnType.Double);
        issues.Should().ContainSingle().Which.Line.Should().Be(25);

        var whole = CsvReader.Read(path, new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["b"] = ColumnType.Double }, OnMalformedRow = MalformedRowPolicy.Skip });
        var fingerprinter = new FrameFingerprinter();
        batches.ForEach(fingerprinter.Append);
        fingerprinter.Finish().Should().Be(whole.Fingerprint(), "batches fingerprint like the whole file");

        var failing = () => CsvReader.ReadBatches(path, 10).ToList();
        failing.Should().Throw<DataFormatException>().WithMessage("*line 25, column 'b': 'oops' is not a number*");
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => base.Position;
            set => throw new NotSupportedException();
        }
    }
}
