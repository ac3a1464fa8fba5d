using System.Globalization;
using System.Text;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// The short numeric way for JSON and JSON Lines (<see cref="NumericJsonReader"/>, taken by
/// <see cref="RequestReader.ReadRows"/>) against the general way: the model's matrix bit for bit on every form it takes, and on every body it declines the
/// general way's answer or the general way's error.
/// </summary>
public sealed class NumericJsonReaderTests
{
    private static ServingModels Models => ServingModels.Instance;

    // {0}: the rows as JSON lists in the request's column order; {1}: the column names as a JSON list; {2}: the rows
    // with their columns in reverse order; {3}: those reversed names; {4}: the first row alone; {5}: the rows as objects
    // keyed by column name, in the request's order; {6}: as objects with their keys reversed and other keys around
    // them; {7}: the first row as an object.
    public static TheoryData<string, string> TakenForms => new()
    {
        { "instances", "{{\"instances\": {0}}}" },
        { "inputs", "{{\"inputs\":{0}}}" },
        { "a bare list of rows", "{0}" },
        { "dataframe_split in the request's order", "{{\"dataframe_split\": {{\"columns\": {1}, \"data\": {0}}}}}" },
        { "dataframe_split with its columns reversed, an index, and data first", "{{\"dataframe_split\": {{\"data\": {2}, \"index\": [0, [1]], \"columns\": {3}}}}}" },
        { "instances beside other keys", "{{\"params\": {{\"threshold\": [0.5]}}, \"instances\": {0}, \"id\": \"a[b\"}}" },
        { "one flat row", "{{\"instances\": {4}}}" },
        { "dataframe_records of objects", "{{\"dataframe_records\": {5}}}" },
        { "dataframe_records of lists", "{{\"dataframe_records\": {0}}}" },
        { "instances of objects, keys reversed, other keys around them", "{{\"instances\": {6}}}" },
        { "inputs of objects", "{{\"inputs\":{5}}}" },
        { "a bare list of objects", "{5}" },
        { "dataframe_split of objects without columns", "{{\"dataframe_split\": {{\"data\": {6}}}}}" },
        { "one row object alone", " {7}\n" },
    };

    [Theory]
    [MemberData(nameof(TakenForms))]
    public void Each_form_takes_the_short_way_and_gives_the_general_ways_matrix_bit_for_bit(string what, string template)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        bundle.NumericInput.Should().NotBeNull();
        foreach (var (rows, separator) in new[] { (1, ","), (100, ", "), (569, ",\r\n\t ") })
        {
            var body = Body(bundle, template, Enumerable.Range(0, rows).ToArray(), separator);

            var read = RequestReader.ReadRows(bundle, body, DataFormat.Json);

            read.Frame.Should().BeNull($"{what}, {rows} rows");
            read.Count.Should().Be(template.Contains("{4}", StringComparison.Ordinal) || template.Contains("{7}", StringComparison.Ordinal) ? 1 : rows);
            ShortWayChecks.ShouldMatchTheGeneralWay(bundle, body, DataFormat.Json, read);
        }
    }

    [Fact]
    public void Numbers_written_every_way_JSON_allows_read_as_the_general_way_reads_them()
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var random = new Random(20261122);
        var ranges = bundle.Layout.Columns.Select(c => bundle.Schema.Column(c.Name)).Select(s => (s.Min!.Value, s.Max!.Value)).ToArray();
        string[] formats = ["R", "G17", "G5", "F6", "E3", "e10", "0.###############"];
        var rows = new List<string>();
        for (var r = 0; r < 300; r++)
        {
            rows.Add("[" + string.Join(",", ranges.Select(range =>
            {
                var value = range.Item1 + (random.NextDouble() * (range.Item2 - range.Item1));
                var text = value.ToString(formats[random.Next(formats.Length)], CultureInfo.InvariantCulture);
                return random.Next(8) == 0 ? " \n" + text + "\t" : text;
            })) + "]");
        }

        var body = Encoding.UTF8.GetBytes("{\"instances\": [" + string.Join(",", rows) + "]}");
        var read = RequestReader.ReadRows(bundle, body, DataFormat.Json);

        ShortWayChecks.ShouldMatchTheGeneralWay(bundle, body, DataFormat.Json, read);
    }

    // {0}: a valid row as a JSON list; {1}: that row without its first value (so "[x,{1}]" is the row with x first);
    // {2}: the column names as a JSON list; {3}: the names but the first; {4}: the row as an object; {5}: the object's
    // members but the first (so "{{\"mean_radius\": x,{5}}}" is the row with x for mean_radius); {6}: the names with
    // the first two swapped (mean_texture, mean_radius, …: row 0's values stay in range either way), as a JSON list.
    public static TheoryData<string, string> DeclinedBodies => new()
    {
        { "a number as a string", "{{\"instances\": [[\"17.99\",{1}]]}}" },
        { "null", "{{\"instances\": [[null,{1}]]}}" },
        { "a boolean", "{{\"instances\": [[true,{1}]]}}" },
        { "a nested list in a cell", "{{\"instances\": [[[1],{1}]]}}" },
        { "a leading zero", "{{\"instances\": [[017.99,{1}]]}}" },
        { "no digit before the point", "{{\"instances\": [[.5,{1}]]}}" },
        { "no digit after the point", "{{\"instances\": [[17.,{1}]]}}" },
        { "a point before the exponent", "{{\"instances\": [[1.e1,{1}]]}}" },
        { "a plus sign", "{{\"instances\": [[+17.99,{1}]]}}" },
        { "a lone minus", "{{\"instances\": [[-,{1}]]}}" },
        { "NaN", "{{\"instances\": [[NaN,{1}]]}}" },
        { "Infinity", "{{\"instances\": [[Infinity,{1}]]}}" },
        { "a number too large for a double", "{{\"instances\": [[1e400,{1}]]}}" },
        { "a value far out of the schema's range", "{{\"instances\": [[1e9,{1}]]}}" },
        { "a value short", "{{\"instances\": [[{1}]]}}" },
        { "a value too many", "{{\"instances\": [[1,{0}]]}}" },
        { "a trailing comma in a row", "{{\"instances\": [[17.99,{1},]]}}" },
        { "a trailing comma after the rows", "{{\"instances\": [{0},]}}" },
        { "no comma between rows", "{{\"instances\": [{0} {0}]}}" },
        { "an unclosed rows list", "{{\"instances\": [{0}" },
        { "an unclosed object", "{{\"instances\": [{0}]" },
        { "rows cut off after a bracket in a key", "{{\"a]\": 1, \"instances\": [[17.99,1" },
        { "something after the object", "{{\"instances\": [{0}]}} x" },
        { "a comment", "{{\"instances\": /* rows */ [{0}]}}" },
        { "a byte-order mark", "\uFEFF{{\"instances\": [{0}]}}" },
        { "no rows", "{{\"instances\": []}}" },
        { "an empty row", "{{\"instances\": [[]]}}" },
        { "rows nested a level too deep", "{{\"instances\": [[{0}]]}}" },
        { "both instances and inputs", "{{\"instances\": [{0}], \"inputs\": [{0}]}}" },
        { "instances twice", "{{\"instances\": [{0}], \"instances\": [{0}]}}" },
        { "dataframe_records beside instances", "{{\"dataframe_records\": [{4}], \"instances\": [{0}]}}" },
        { "an object row with null", "[{{\"mean_radius\": null,{5}}}]" },
        { "an object row with a number as a string", "{{\"dataframe_records\": [{{\"mean_radius\": \"17.99\",{5}}}]}}" },
        { "an object row missing a column", "{{\"dataframe_records\": [{4}, {{{5}}}]}}" },
        { "an object row naming a column twice", "[{{\"mean_radius\": 1,\"mean_radius\": 17.99,{5}}}]" },
        { "an object row naming a column twice in place of another", "[{{\"mean_texture\": 1,{5}}}]" },
        { "an object row key with an escape", "[{{\"mean\\u005fradius\": 17.99,{5}}}]" },
        { "an object row key with a control character", "[{{\"id\u0001\": 1, \"mean_radius\": 17.99,{5}}}]" },
        { "an object row with a list under another key", "[{{\"tags\": [1], \"mean_radius\": 17.99,{5}}}]" },
        { "an object row with an escaped string under another key", "[{{\"note\": \"a\\\"b\", \"mean_radius\": 17.99,{5}}}]" },
        { "an object row with a misspelt literal under another key", "[{{\"flag\": tru, \"mean_radius\": 17.99,{5}}}]" },
        { "an object row with NaN", "[{{\"mean_radius\": NaN,{5}}}]" },
        { "an object row with a trailing comma", "[{{\"mean_radius\": 17.99,{5},}}]" },
        { "an object row without a colon", "[{{\"mean_radius\" 17.99,{5}}}]" },
        { "an object row holding the key features", "[{{\"features\": 1, \"mean_radius\": 17.99,{5}}}]" },
        { "an empty object row", "[{{}}]" },
        { "an unclosed object row", "[{{\"mean_radius\": 17.99,{5}]" },
        { "list and object rows mixed", "[{0}, {4}]" },
        { "object rows in dataframe_split with columns", "{{\"dataframe_split\": {{\"columns\": {6}, \"data\": [{4}]}}}}" },
        { "a row object with an instances key", "{{\"instances\": 1, \"mean_radius\": 17.99,{5}}}" },
        { "a row object followed by something", "{4} x" },
        { "two row objects", "{4}{4}" },
        { "columnar inputs", "{{\"inputs\": {{\"mean_radius\": [17.99]}}}}" },
        { "instances that are not a list", "{{\"instances\": 5}}" },
        { "dataframe_split without data", "{{\"dataframe_split\": {{\"columns\": {2}}}}}" },
        { "dataframe_split missing a column", "{{\"dataframe_split\": {{\"columns\": [\"mean_radius\"], \"data\": [[17.99]]}}}}" },
        { "dataframe_split with a column that is not the model's", "{{\"dataframe_split\": {{\"columns\": [\"age\",{3}], \"data\": [[1,{1}]]}}}}" },
        { "dataframe_split naming a column twice", "{{\"dataframe_split\": {{\"columns\": [\"mean_texture\",{3}], \"data\": [{0}]}}}}" },
        { "dataframe_split with a column name that is not text", "{{\"dataframe_split\": {{\"columns\": [1,{3}], \"data\": [{0}]}}}}" },
        { "a JSON string body", "\"17.99\"" },
        { "an empty body", "" },
    };

    [Theory]
    [MemberData(nameof(DeclinedBodies))]
    public void A_body_the_short_way_declines_gets_the_general_ways_answer_or_error(string what, string template)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var row = JsonRow(bundle.Layout.Columns.Select(c => c.Name), 0);
        var names = bundle.Layout.Columns.Select(c => $"\"{c.Name}\"").ToArray();
        var members = JsonObjectRow(bundle.Layout.Columns.Select(c => c.Name), 0);
        var body = Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, template,
            row, row[(row.IndexOf(',', StringComparison.Ordinal) + 1)..^1], "[" + string.Join(",", names) + "]", string.Join(",", names.Skip(1)),
            members, members[(members.IndexOf(',', StringComparison.Ordinal) + 1)..^1], "[" + string.Join(",", names.Skip(1).Take(1).Concat(names.Take(1)).Concat(names.Skip(2))) + "]"));

        NumericJsonReader.TryRead(bundle.NumericInput!, body).Should().BeNull(what);
        ShortWayChecks.ShouldAnswerAsTheGeneralWay(bundle, body, DataFormat.Json, what);
    }

    [Theory]
    [InlineData("a key")]
    [InlineData("a string under another key")]
    public void An_object_row_with_invalid_UTF_8_outside_the_columns_gets_the_general_ways_answer_or_error(string where)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var row = JsonObjectRow(bundle.Layout.Columns.Select(c => c.Name), 0);
        var other = where == "a key" ? "\"id\u00FF\": 1, " : "\"id\": \"\u00FF\", ";
        // U+00FF written as Latin-1: one byte 0xFF, never valid in UTF-8.
        var body = Encoding.Latin1.GetBytes("[{" + other + row[1..] + "]");

        NumericJsonReader.TryRead(bundle.NumericInput!, body).Should().BeNull(where);
        ShortWayChecks.ShouldAnswerAsTheGeneralWay(bundle, body, DataFormat.Json, where);
    }

    // {0}: a row as a JSON list; {1}: as an object keyed by column name; {2}: as an object with its keys reversed and
    // other keys around them. The body is that line for rows 0..n-1 joined by the separator.
    public static TheoryData<string, string, string> TakenLines => new()
    {
        { "lists, LF, a final newline", "{0}", "\n" },
        { "lists, CRLF, no final newline", " {0} ", "\r\n" },
        { "SageMaker's features objects", "{{\"features\": {0}}}", "\n" },
        { "features beside other keys", "{{\"id\": \"a]\", \"features\":{0}, \"tags\": [1]}}", "\r\n" },
        { "objects by column name", "{1}", "\n" },
        { "objects with other keys, CRLF", " {2}\t", "\r\n" },
    };

    [Theory]
    [MemberData(nameof(TakenLines))]
    public void Json_lines_of_numeric_rows_take_the_short_way_bit_for_bit(string what, string line, string separator)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var names = bundle.Layout.Columns.Select(c => c.Name).ToArray();
        foreach (var rows in new[] { 1, 100 })
        {
            var lines = Enumerable.Range(0, rows).Select(r => string.Format(CultureInfo.InvariantCulture, line, JsonRow(names, r), JsonObjectRow(names, r), JsonObjectRowWithOtherKeys(names, r)));
            var body = Encoding.UTF8.GetBytes(string.Join(separator, lines) + (separator == "\n" ? "\n" : string.Empty));

            var read = RequestReader.ReadRows(bundle, body, DataFormat.JsonLines);

            read.Frame.Should().BeNull($"{what}, {rows} rows");
            read.Count.Should().Be(rows);
            ShortWayChecks.ShouldMatchTheGeneralWay(bundle, body, DataFormat.JsonLines, read);
        }
    }

    // {0}: a valid row as a JSON list; {1}: that row without its first value; {2}: the row as an object; {3}: the
    // object's members but the first.
    public static TheoryData<string, string> DeclinedLines => new()
    {
        { "an object line with null", "{2}\n{{\"mean_radius\": null,{3}}}\n" },
        { "an object line missing a column", "{2}\n{{{3}}}\n" },
        { "an object line whose features is not a list", "{{\"features\": 5, \"mean_radius\": 17.99,{3}}}\n" },
        { "an object line with something after it", "{2} {2}\n" },
        { "a blank line between rows", "{0}\n\n{0}\n" },
        { "a blank line at the end", "{0}\n{0}\n\n" },
        { "a row by column name", "{0}\n{{\"mean_radius\": 17.99}}\n" },
        { "features that are not a list", "{{\"features\": 5}}\n" },
        { "features twice", "{{\"features\": {0}, \"features\": {0}}}\n" },
        { "an object without features", "{{\"rows\": {0}}}\n" },
        { "two rows on one line", "{0}{0}\n" },
        { "something after the row", "{0} x\n" },
        { "a nested row", "[{0}]\n" },
        { "a string cell", "[\"17.99\",{1}]\n" },
        { "null", "[null,{1}]\n" },
        { "a value short", "[{1}]\n" },
        { "a leading zero", "[017.99,{1}]\n" },
        { "a value out of the schema's range", "[1e9,{1}]\n" },
        { "an unclosed row", "{0}\n[17.99,{1}\n" },
        { "a closing bracket before the opening one", "{0}\n] [\n" },
        { "a lone opening bracket", "{0}\n[\n" },
        { "only line breaks", "\n\n" },
    };

    [Theory]
    [MemberData(nameof(DeclinedLines))]
    public void A_json_lines_body_the_short_way_declines_gets_the_general_ways_answer_or_error(string what, string template)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var row = JsonRow(bundle.Layout.Columns.Select(c => c.Name), 0);
        var members = JsonObjectRow(bundle.Layout.Columns.Select(c => c.Name), 0);
        var body = Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, template, row, row[(row.IndexOf(',', StringComparison.Ordinal) + 1)..^1],
            members, members[(members.IndexOf(',', StringComparison.Ordinal) + 1)..^1]));

        NumericJsonReader.TryReadLines(bundle.NumericInput!, body).Should().BeNull(what);
        ShortWayChecks.ShouldAnswerAsTheGeneralWay(bundle, body, DataFormat.JsonLines, what);
    }

    [Fact]
    public void A_model_without_a_pipeline_reads_dataframe_split_columns_in_its_own_order()
    {
        using var folder = new Workbench.Testing.TempDirectory("bare-json-model");
        var features = Models.CancerFeatures.Reverse().ToArray();
        var labels = Enumerable.Range(0, Models.Cancer.RowCount).Select(Models.CancerLabel).ToArray();
        new Workbench.Learning.Estimators.LogisticRegression { MaxIterations = 300 }.Fit(Models.Cancer.ToMatrix(features), labels).Save(folder.File("model.wbm"));
        using var bundle = ModelBundle.Load(folder.Path);
        bundle.Pipeline.Should().BeNull();
        // The client's own column order: neither the request layout's nor the model's.
        var order = Models.CancerFeatures.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var body = Encoding.UTF8.GetBytes($"{{\"dataframe_split\": {{\"columns\": [{string.Join(",", order.Select(n => $"\"{n}\""))}], \"data\": [{string.Join(",", Enumerable.Range(0, 40).Select(r => JsonRow(order, r)))}]}}}}");

        var read = RequestReader.ReadRows(bundle, body, DataFormat.Json);

        read.Features!.Dense!.ColumnNames.Should().Equal(features);
        ShortWayChecks.ShouldMatchTheGeneralWay(bundle, body, DataFormat.Json, read);
    }

    [Theory]
    [InlineData("mean \"radius\"")]
    [InlineData("instances")]
    [InlineData("features")]
    public void A_model_with_a_column_name_a_raw_key_cannot_match_reads_object_rows_the_general_way(string name)
    {
        using var folder = new Workbench.Testing.TempDirectory("named-json-model");
        var cancer = Models.Cancer.Rename(("mean_radius", name));
        var features = Models.CancerFeatures.Select(n => n == "mean_radius" ? name : n).ToArray();
        var labels = Enumerable.Range(0, Models.Cancer.RowCount).Select(Models.CancerLabel).ToArray();
        new Workbench.Learning.Estimators.LogisticRegression { MaxIterations = 300 }.Fit(cancer.ToMatrix(features), labels).Save(folder.File("model.wbm"));
        using var bundle = ModelBundle.Load(folder.Path);
        string Row(Func<string, string> key) => "{" + string.Join(", ", features.Select(n => $"{key(n)}: {cancer[n].Format(0)}")) + "}";
        // Keys escaped as JSON requires, and written raw (not JSON when the name holds a quote); rows in a list, one row
        // alone (which the general reader takes for a form when a key is "instances"), and a JSON Lines line.
        var escaped = Row(n => System.Text.Json.JsonSerializer.Serialize(n));
        var raw = Row(n => $"\"{n}\"");

        bundle.Keys.TakesKeys.Should().BeFalse();
        foreach (var row in new[] { escaped, raw })
        {
            foreach (var body in new[] { $"[{row}]", row }.Select(Encoding.UTF8.GetBytes))
            {
                NumericJsonReader.TryRead(bundle.NumericInput!, body).Should().BeNull();
                JsonFrameReader.TryRead(bundle.Layout, bundle.Keys, body).Should().BeNull();
                ShortWayChecks.ShouldAnswerAsTheGeneralWay(bundle, body, DataFormat.Json, Encoding.UTF8.GetString(body)[..40]);
            }

            var line = Encoding.UTF8.GetBytes(row + "\n");
            NumericJsonReader.TryReadLines(bundle.NumericInput!, line).Should().BeNull();
            JsonFrameReader.TryReadLines(bundle.Layout, bundle.Keys, line).Should().BeNull();
            ShortWayChecks.ShouldAnswerAsTheGeneralWay(bundle, line, DataFormat.JsonLines, row[..40]);
        }
    }

    private static byte[] Body(ModelBundle bundle, string template, int[] rows, string separator)
    {
        var names = bundle.Layout.Columns.Select(c => c.Name).ToArray();
        var reversed = names.Reverse().ToArray();
        string Rows(string[] order) => "[" + string.Join(separator, rows.Select(r => JsonRow(order, r % Models.Cancer.RowCount))) + "]";
        string Names(string[] order) => "[" + string.Join(", ", order.Select(n => $"\"{n}\"")) + "]";
        string Objects(Func<string[], int, string> row) => "[" + string.Join(separator, rows.Select(r => row(names, r % Models.Cancer.RowCount))) + "]";
        return Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, template, Rows(names), Names(names), Rows(reversed), Names(reversed), JsonRow(names, 0),
            Objects(JsonObjectRow), Objects(JsonObjectRowWithOtherKeys), JsonObjectRow(names, 0)));
    }

    private static string JsonObjectRow(IEnumerable<string> columns, int row) =>
        "{" + string.Join(", ", columns.Select(n => $"\"{n}\": {Models.Cancer[n].Format(row)}")) + "}";

    // The keys in reverse order, with an id, a timestamp, a score, a flag and a null around them: what a client's
    // records often carry beside the model's columns.
    private static string JsonObjectRowWithOtherKeys(IEnumerable<string> columns, int row) =>
        $"{{\"patient_id\": \"p-{row}\",\"at\":\"2026-11-21T08:00:00Z\", "
        + string.Join(",", columns.Reverse().Select(n => $"\"{n}\":{Models.Cancer[n].Format(row)}"))
        + $", \"score\": -1.5e-3, \"reviewed\": {(row % 2 == 0 ? "true" : "false")}, \"note\": null, \"ward\": \"Zürich {{B}}\"}}";

    private static string JsonRow(IEnumerable<string> columns, int row) =>
        "[" + string.Join(",", columns.Select(n => Models.Cancer[n].Format(row))) + "]";
}
