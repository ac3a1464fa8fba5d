using Workbench.Data.Io;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// <c>application/x-npy</c> requests, read in process: arrays numpy saved answer as the same rows sent as CSV, take
/// the short way when they can (and it matches the general way bit for bit), and bad arrays are named.
/// </summary>
public sealed class NpyRequestTests : IDisposable
{
    private static readonly ServingModels Models = ServingModels.Instance;
    private readonly ModelBundle _cancer = Models.ModelBundle("models:/cancer/1");
    private readonly ModelBundle _patients = Models.ModelBundle("models:/patients/1");

    public void Dispose()
    {
        _cancer.Dispose();
        _patients.Dispose();
    }

    [Theory]
    [InlineData("cancer_c", true)]
    [InlineData("cancer_fortran", true)]
    [InlineData("cancer_big_endian", true)]
    [InlineData("cancer_records", false)]
    [InlineData("cancer_records_reordered", false)]
    public void Cancer_arrays_answer_as_the_same_rows_in_CSV(string name, bool shortWay)
    {
        var body = NpyBodies.Get(name);
        var read = RequestReader.ReadRows(_cancer, body, DataFormat.Npy);

        read.Count.Should().Be(100);
        (read.Features is not null).Should().Be(shortWay, "plain float arrays go straight to the model's input");
        if (shortWay)
        {
            ShortWayChecks.ShouldMatchTheGeneralWay(_cancer, body, DataFormat.Npy, read);
        }

        var csv = RequestReader.Read(_cancer, NpyBodies.Get("cancer.csv"), DataFormat.Csv);
        CsvWriter.ToText(RequestReader.Read(_cancer, body, DataFormat.Npy)).Should().Be(CsvWriter.ToText(csv));
        _cancer.Predict(read).Probabilities.Should().Equal(_cancer.Predict(csv).Probabilities);
    }

    [Fact]
    public void Float32_arrays_are_read_as_their_float32_values()
    {
        var body = NpyBodies.Get("cancer_f4");
        var read = RequestReader.ReadRows(_cancer, body, DataFormat.Npy);
        ShortWayChecks.ShouldMatchTheGeneralWay(_cancer, body, DataFormat.Npy, read);
        var frame = RequestReader.Read(_cancer, body, DataFormat.Npy);
        frame["mean_radius"].Format(0).Should().Be(((double)17.99f).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_1d_array_is_one_row()
    {
        var read = RequestReader.ReadRows(_cancer, NpyBodies.Get("cancer_one_row"), DataFormat.Npy);
        read.Count.Should().Be(1);
        var csv = RequestReader.Read(_cancer, System.Text.Encoding.UTF8.GetBytes(Models.CancerCsvRow(0)), DataFormat.Csv);
        _cancer.Predict(read).Probabilities.Should().Equal(_cancer.Predict(csv).Probabilities);
    }

    [Fact]
    public void A_record_array_with_text_integers_and_NaN_answers_as_CSV_for_a_model_with_categorical_columns()
    {
        var frame = RequestReader.Read(_patients, NpyBodies.Get("patients_records"), DataFormat.Npy);
        var csv = RequestReader.Read(_patients, NpyBodies.Get("patients.csv"), DataFormat.Csv);

        frame.Columns.Select(c => c.Type).Should().Equal(csv.Columns.Select(c => c.Type));
        CsvWriter.ToText(frame).Should().Be(CsvWriter.ToText(csv));
        frame["bmi"].NullCount.Should().BePositive("NaN is a missing value, as an empty CSV field is");
        _patients.Predict(frame).Probabilities.Should().Equal(_patients.Predict(csv).Probabilities);
    }

    [Fact]
    public void NaN_where_the_schema_forbids_missing_values_is_refused_as_an_empty_CSV_field_is()
    {
        var npy = Refused(_cancer, NpyBodies.Get("cancer_nan"));
        var rows = NpyBodies.Get("cancer.csv").AsSpan().ToArray();
        var csvText = System.Text.Encoding.UTF8.GetString(rows).Split('\n');
        var fields = csvText[2].Split(',');
        fields[4] = string.Empty;
        csvText[2] = string.Join(',', fields);
        var csv = FluentActions.Invoking(() => RequestReader.Read(_cancer, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', csvText)), DataFormat.Csv))
            .Should().Throw<ServingException>().Which;

        npy.Status.Should().Be(400);
        npy.Message.Should().Be(csv.Message);
        npy.Problems.Should().Equal(csv.Problems);
        npy.Problems.Single().Should().Match<RequestProblem>(p => p.Row == 2 && p.Column == Models.CancerFeatures[4]);
    }

    [Theory]
    [InlineData("cancer_inf", "invalid_data", "not_finite", 3, 5)]
    [InlineData("cancer_wrong_width", "wrong_shape", "shape (100, 29)", null, null)]
    [InlineData("cancer_3d", "wrong_shape", "shape (10, 10, 30)", null, null)]
    [InlineData("cancer_objects", "invalid_npy", "pickle", null, null)]
    [InlineData("cancer_truncated", "invalid_npy", "cut short", null, null)]
    [InlineData("cancer.csv", "invalid_npy", "magic string", null, null)]
    public void Bad_arrays_are_refused_naming_what_is_wrong(string name, string code, string what, int? row, int? column)
    {
        var refused = Refused(_cancer, NpyBodies.Get(name));
        refused.Status.Should().Be(400);
        refused.Code.Should().Be(code);
        if (row is null)
        {
            refused.Message.Should().Contain(what);
            return;
        }

        var problem = refused.Problems.Single();
        (problem.Row, problem.Column, problem.Kind).Should().Be((row, Models.CancerFeatures[column!.Value], what));
    }

    [Fact]
    public void A_record_array_without_a_column_names_the_column()
    {
        var refused = Refused(_patients, NpyBodies.Get("patients_missing_field"));
        refused.Problems.Should().ContainSingle(p => p.Column == "bmi" && p.Kind == "missing_column");
    }

    [Fact]
    public void Text_in_an_integer_field_is_named_by_row_and_column()
    {
        var refused = Refused(_patients, NpyBodies.Get("patients_text_in_integer"));
        refused.Problems.Should().ContainSingle().Which.Should().Match<RequestProblem>(p => p.Row == 7 && p.Column == "age" && p.Kind == "wrong_type" && p.Value == "x");
    }

    [Fact]
    public void An_empty_body_is_refused_as_empty()
    {
        Refused(_cancer, []).Code.Should().Be("empty_body");
    }

    [Fact]
    public void Integer_arrays_and_arrays_of_no_rows_answer_as_the_general_way()
    {
        var integers = new System.Buffers.ArrayBufferWriter<byte>();
        NpyWriter.WriteHeader(integers, NpyDtype.Int64, 2, Models.CancerFeatures.Count);
        for (var i = 0; i < 2 * Models.CancerFeatures.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(integers.GetSpan(8), i + 1);
            integers.Advance(8);
        }

        // Whole numbers fall outside this model's ranges: both ways refuse them alike.
        ShortWayChecks.ShouldAnswerAsTheGeneralWay(_cancer, integers.WrittenSpan.ToArray(), DataFormat.Npy, "int64 rows");
        Refused(_cancer, integers.WrittenSpan.ToArray()).Problems.Should().Contain(p => p.Row == 0 && p.Column == "mean_radius" && p.Value == "1");

        var empty = new System.Buffers.ArrayBufferWriter<byte>();
        NpyWriter.WriteHeader(empty, NpyDtype.Float64, 0, Models.CancerFeatures.Count);
        Refused(_cancer, empty.WrittenSpan.ToArray()).Code.Should().Be("empty_body");
    }

    private static ServingException Refused(ModelBundle bundle, byte[] body) =>
        FluentActions.Invoking(() => RequestReader.ReadRows(bundle, body, DataFormat.Npy)).Should().Throw<ServingException>().Which;
}
