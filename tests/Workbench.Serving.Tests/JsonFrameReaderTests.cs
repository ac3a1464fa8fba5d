using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// The hand-scanned JSON way into a frame (<see cref="JsonFrameReader"/>, taken by <c>RequestReader.Read</c> for
/// every model) against <see cref="JsonRequestParser"/>, on the patients model (integers, doubles with missing
/// values, categorical text): the same frame on every form it takes, and the general way's answer or error on every
/// body it declines.
/// </summary>
public sealed class JsonFrameReaderTests
{
    private static ServingModels Models => ServingModels.Instance;

    // {0}: the rows as JSON lists in the request's column order; {1}: the rows as objects keyed by column name; {2}: as
    // objects with their keys reversed and other keys around them; {3}: the column names as a JSON list; {4}: the first
    // row as an object.
    public static TheoryData<string, string> TakenForms => new()
    {
        { "instances of lists", "{{\"instances\": {0}}}" },
        { "instances of objects", "{{\"instances\": {1}}}" },
        { "dataframe_records, keys reversed, other keys around them", "{{\"dataframe_records\": {2}}}" },
        { "inputs of lists", "{{\"inputs\": {0}}}" },
        { "a bare list of objects", "{1}" },
        { "dataframe_split with the request's columns", "{{\"dataframe_split\": {{\"index\": [0], \"columns\": {3}, \"data\": {0}}}}}" },
        { "one row object alone", "{4}" },
    };

    [Theory]
    [MemberData(nameof(TakenForms))]
    public void Each_form_is_scanned_into_the_frame_the_general_reader_builds(string what, string template)
    {
        using var bundle = Models.ModelBundle("models:/patients/1");
        foreach (var rows in new[] { 1, 100, 700 })
        {
            var body = Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, template,
                Rows(bundle, rows, ListRow), Rows(bundle, rows, ObjectRow), Rows(bundle, rows, ObjectRowWithOtherKeys), Names(bundle), ObjectRow(bundle, 0)));

            JsonFrameReader.TryRead(bundle.Layout, bundle.Keys, body).Should().NotBeNull($"{what}, {rows} rows");
            ShortWayChecks.ShouldReadAsTheGeneralWay(bundle, body, DataFormat.Json, what);
        }
    }

    [Theory]
    [InlineData("lists")]
    [InlineData("objects")]
    [InlineData("SageMaker's features")]
    public void Json_lines_are_scanned_into_the_frame_the_general_reader_builds(string what)
    {
        using var bundle = Models.ModelBundle("models:/patients/1");
        Func<ModelBundle, int, string> line = what switch
        {
            "lists" => ListRow,
            "objects" => ObjectRowWithOtherKeys,
            _ => (b, r) => $"{{\"features\": {ListRow(b, r)}}}",
        };
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(r => line(bundle, r) + (r % 2 == 0 ? "\n" : "\r\n"))));

        JsonFrameReader.TryReadLines(bundle.Layout, bundle.Keys, body).Should().NotBeNull(what);
        ShortWayChecks.ShouldReadAsTheGeneralWay(bundle, body, DataFormat.JsonLines, what);
    }

    // A row of patients whose cell for a column is replaced by a JSON value, sent as a list of one object and as a list
    // of one list.
    public static TheoryData<string, string, string> OddCells => new()
    {
        { "a string with an escape", "smoker", "\"nev\\u0065r\"" },
        { "text in an integer column", "age", "\"sixty\"" },
        { "a number as text in a double column", "bmi", "\"30.5\"" },
        { "a fraction in an integer column", "num_prior_admissions", "1.5" },
        { "a list in a cell", "bmi", "[30]" },
        { "NaN", "bmi", "NaN" },
        { "an unknown category", "sex", "\"X\"" },
        { "true in a categorical column", "admission_type", "true" },
        { "false in a categorical column", "admission_type", "false" },
        { "true in an integer column", "num_prior_admissions", "true" },
        { "null in a categorical column", "smoker", "null" },
        { "an invalid literal", "bmi", "nul" },
        { "a number JSON does not allow", "bmi", "30." },
        { "invalid UTF-8", "sex", "\"\u00FF\"" },
    };

    [Theory]
    [MemberData(nameof(OddCells))]
    public void A_row_with_an_odd_cell_gets_the_general_ways_answer_or_error(string what, string column, string value)
    {
        using var bundle = Models.ModelBundle("models:/patients/1");
        var values = bundle.Layout.Columns.Select(c => (c.Name, Value: c.Name == column ? value : Value(c.Name, 0))).ToArray();
        var asObject = "[{" + string.Join(", ", values.Select(v => $"\"{v.Name}\": {v.Value}")) + "}]";
        var asList = "[[" + string.Join(", ", values.Select(v => v.Value)) + "]]";
        foreach (var body in new[] { asObject, asList })
        {
            // U+00FF written as Latin-1 is the byte 0xFF, never valid in UTF-8; every other character here is ASCII.
            ShortWayChecks.ShouldReadAsTheGeneralWay(bundle, Encoding.Latin1.GetBytes(body), DataFormat.Json, $"{what}: {body}");
        }
    }

    // Each a JSON body for the patients model; {0}: a valid row as a JSON object; {1}: that row without its closing brace.
    public static TheoryData<string, string> DeclinedBodies => new()
    {
        { "a key given twice", "[{1}, \"age\": 41}}]" },
        { "a missing column", "[{{\"age\": 40}}]" },
        { "a row of lists too short", "[[40, \"M\"]]" },
        { "no rows", "{{\"instances\": []}}" },
        { "rows and a form key beside them", "{{\"instances\": [{0}], \"inputs\": [{0}]}}" },
    };

    [Theory]
    [MemberData(nameof(DeclinedBodies))]
    public void A_body_the_scan_does_not_take_whole_gets_the_general_ways_answer_or_error(string what, string template)
    {
        using var bundle = Models.ModelBundle("models:/patients/1");
        var row = ObjectRow(bundle, 0);
        var body = Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, template, row, row[..^1]));

        JsonFrameReader.TryRead(bundle.Layout, bundle.Keys, body).Should().BeNull(what);
        ShortWayChecks.ShouldReadAsTheGeneralWay(bundle, body, DataFormat.Json, what);
    }

    [Fact]
    public void Dataframe_split_with_two_columns_swapped_gets_the_general_ways_frame()
    {
        using var bundle = Models.ModelBundle("models:/patients/1");
        // age and systolic_bp are both integers: read by position, each would land in the other's column.
        var names = bundle.Layout.Columns.Select(c => c.Name).ToArray();
        var (a, b) = (Array.IndexOf(names, "age"), Array.IndexOf(names, "systolic_bp"));
        (names[a], names[b]) = (names[b], names[a]);
        var data = Enumerable.Range(0, 50).Select(r => "[" + string.Join(",", names.Select(n => Value(n, r))) + "]");
        var body = Encoding.UTF8.GetBytes($"{{\"dataframe_split\": {{\"columns\": {JsonSerializer.Serialize(names)}, \"data\": [{string.Join(",", data)}]}}}}");

        JsonFrameReader.TryRead(bundle.Layout, bundle.Keys, body).Should().BeNull();
        ShortWayChecks.ShouldReadAsTheGeneralWay(bundle, body, DataFormat.Json, "two columns swapped");
    }

    [Fact]
    public void A_json_lines_body_with_a_blank_line_gets_the_general_ways_frame()
    {
        using var bundle = Models.ModelBundle("models:/patients/1");
        var body = Encoding.UTF8.GetBytes(ObjectRow(bundle, 0) + "\n\n" + ObjectRow(bundle, 1) + "\n");

        JsonFrameReader.TryReadLines(bundle.Layout, bundle.Keys, body).Should().BeNull();
        ShortWayChecks.ShouldReadAsTheGeneralWay(bundle, body, DataFormat.JsonLines, "a blank line");
    }

    private static string Rows(ModelBundle bundle, int rows, Func<ModelBundle, int, string> row) =>
        "[" + string.Join(", ", Enumerable.Range(0, rows).Select(r => row(bundle, r % Models.Patients.RowCount))) + "]";

    private static string Names(ModelBundle bundle) => JsonSerializer.Serialize(bundle.Layout.Columns.Select(c => c.Name));

    private static string ListRow(ModelBundle bundle, int row) => "[" + string.Join(",", bundle.Layout.Columns.Select(c => Value(c.Name, row))) + "]";

    private static string ObjectRow(ModelBundle bundle, int row) =>
        "{" + string.Join(", ", bundle.Layout.Columns.Select(c => $"\"{c.Name}\": {Value(c.Name, row)}")) + "}";

    private static string ObjectRowWithOtherKeys(ModelBundle bundle, int row) =>
        $"{{\"patient_id\": \"P{row:D6}\", \"ward\": \"Zürich {{B}}\", "
        + string.Join(",", bundle.Layout.Columns.Reverse().Select(c => $"\"{c.Name}\":{Value(c.Name, row)}"))
        + $", \"score\": -1.5e-3, \"reviewed\": {(row % 2 == 0 ? "true" : "false")}, \"note\": null}}";

    // A cell as a client writes it: numbers bare, text quoted, missing values null.
    private static string Value(string column, int row)
    {
        var values = Models.Patients[column];
        return values.Format(row) is not { } text ? "null" : values.IsNumeric ? text : JsonSerializer.Serialize(text);
    }
}
