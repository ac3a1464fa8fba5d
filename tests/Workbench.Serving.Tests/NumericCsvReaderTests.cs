using System.Globalization;
using System.Text;
using Workbench.Data;
using Workbench.Features;
using Workbench.Serving.Models;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// The short numeric way (<see cref="NumericCsvReader"/>, taken by <see cref="RequestReader.ReadRows"/>) against the
/// general way (<c>RequestReader.Read</c>, then the feature pipeline): the model's matrix bit for bit on the
/// bodies it takes, and on every body it declines the general way's answer or the general way's error.
/// </summary>
public sealed class NumericCsvReaderTests
{
    private static ServingModels Models => ServingModels.Instance;

    [Theory]
    [InlineData(1, "\n")]
    [InlineData(1, "")]
    [InlineData(7, "\r\n")]
    [InlineData(100, "\n")]
    [InlineData(569, "")]
    public void A_plain_body_takes_the_short_way_and_gives_the_general_ways_matrix_bit_for_bit(int rows, string ending)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        bundle.NumericInput.Should().NotBeNull("every request column is a float64 the schema checks by range");
        bundle.NumericInput!.TakesRows.Should().BeTrue("the pipeline scales each request column where it lies");
        var lines = Enumerable.Range(0, rows).Select(r => Models.CancerCsvRow(r % Models.Cancer.RowCount));
        var body = Encoding.UTF8.GetBytes(string.Join(ending.Length == 0 ? "\n" : ending, lines) + ending);

        var read = RequestReader.ReadRows(bundle, body, DataFormat.Csv);

        read.Features.Should().NotBeNull("the body is plain numbers within the schema's ranges");
        read.Frame.Should().BeNull();
        read.Count.Should().Be(rows);
        ShortWayChecks.ShouldMatchTheGeneralWay(bundle, body, DataFormat.Csv, read);
    }

    // LF bodies take the AVX-512 reader where the machine has it; CRLF bodies are read row by row everywhere.
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Numbers_written_every_way_a_client_writes_them_take_the_short_way_and_read_as_the_general_way_reads_them(string ending)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var random = new Random(20261121);
        var ranges = bundle.Layout.Columns.Select(c => bundle.Schema.Column(c.Name)).Select(s => (s.Min!.Value, s.Max!.Value)).ToArray();
        string[] formats = ["R", "G17", "G5", "F6", "E3", "e10", "0.###############"];
        var lines = new List<string>();
        for (var r = 0; r < 300; r++)
        {
            lines.Add(string.Join(",", ranges.Select(range =>
            {
                var value = range.Item1 + (random.NextDouble() * (range.Item2 - range.Item1));
                var text = value.ToString(formats[random.Next(formats.Length)], CultureInfo.InvariantCulture);
                // Forms the plain scan declines and the field reader takes: a plus sign, spaces around the number.
                return random.Next(10) switch { 0 => "+" + text, 1 => " " + text + " ", _ => text };
            })));
        }

        var body = Encoding.UTF8.GetBytes(string.Join(ending, lines) + ending);
        var read = RequestReader.ReadRows(bundle, body, DataFormat.Csv);

        read.Features.Should().NotBeNull();
        ShortWayChecks.ShouldMatchTheGeneralWay(bundle, body, DataFormat.Csv, read);
    }

    public static TheoryData<string, string> DeclinedBodies => new()
    {
        { "a byte-order mark", "\uFEFF{0}\n{1}\n" },
        { "a blank line between rows", "{0}\n\n{1}\n" },
        { "a blank line at the end", "{0}\n{1}\n\n" },
        { "a quoted field", "\"17.99\",{2}\n{1}" },
        { "an empty field", ",{2}\n{1}" },
        { "a missing-value token", "NA,{2}\n{1}" },
        { "a field with a quote inside", "17\"99,{2}\n{1}" },
        { "two numbers in a field", "17.99 18,{2}\n{1}" },
        { "a number too large for a double", "1e400,{2}\n{1}" },
        { "a field short", "{2}\n{1}" },
        { "a field too many", "{0},1\n{1}" },
        { "text in a number column", "abc,{2}\n{1}" },
        { "a value far out of the schema's range", "1e9,{2}\n{1}" },
        { "NaN", "nan,{2}\n{1}" },
        { "a lone carriage return", "{0}\r{1}" },
        { "only line breaks", "\n\n" },
        { "an empty body", "" },
    };

    [Theory]
    [MemberData(nameof(DeclinedBodies))]
    public void A_body_the_short_way_declines_gets_the_general_ways_answer_or_error(string what, string template)
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var first = Models.CancerCsvRow(0);
        var body = Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, template, first, Models.CancerCsvRow(1), first[(first.IndexOf(',', StringComparison.Ordinal) + 1)..]));

        NumericCsvReader.TryRead(bundle.NumericInput!, body).Should().BeNull(what);
        ShortWayChecks.ShouldAnswerAsTheGeneralWay(bundle, body, DataFormat.Csv, what);
    }

    [Fact]
    public void A_body_with_a_header_is_read_the_general_way()
    {
        using var bundle = Models.ModelBundle(Models.CancerArchive);
        var body = Encoding.UTF8.GetBytes(string.Join(",", bundle.Layout.Columns.Select(c => c.Name)) + "\n" + Models.CancerCsvRow(0) + "\n");

        var read = RequestReader.ReadRows(bundle, body, DataFormat.Csv, header: true);

        read.Frame.Should().NotBeNull();
        read.Count.Should().Be(1);
    }

    [Fact]
    public void A_model_without_a_pipeline_reads_its_features_in_its_own_order()
    {
        using var folder = new Workbench.Testing.TempDirectory("bare-model");
        // Fitted on the features in reverse order, so the short way must reorder the request's columns.
        var features = Models.CancerFeatures.Reverse().ToArray();
        var matrix = Models.Cancer.ToMatrix(features);
        var labels = Enumerable.Range(0, Models.Cancer.RowCount).Select(Models.CancerLabel).ToArray();
        new Workbench.Learning.Estimators.LogisticRegression { MaxIterations = 300 }.Fit(matrix, labels).Save(folder.File("model.wbm"));
        using var bundle = ModelBundle.Load(folder.Path);
        bundle.Pipeline.Should().BeNull();
        bundle.NumericInput.Should().NotBeNull();
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 40).Select(r => string.Join(",", bundle.Layout.Columns.Select(c => Models.Cancer[c.Name].Format(r))))));

        var read = RequestReader.ReadRows(bundle, body, DataFormat.Csv);

        read.Features.Should().NotBeNull();
        read.Features!.Dense!.ColumnNames.Should().Equal(features);
        var frame = RequestReader.Read(bundle, body, DataFormat.Csv);
        ShortWayChecks.Bits(read.Features.Dense.Values).Should().Equal(ShortWayChecks.Bits(frame.ToMatrix(features).Values));
        bundle.Predict(read).Probabilities.Should().Equal(bundle.Predict(frame).Probabilities);
    }

    // Which pipelines let a request's rows become the matrix's rows (no transposes) and which go column by column;
    // either way the matrix is the general way's, bit for bit. Three columns are narrower than one vector. Requests
    // carry the pipeline's input columns in its order, so a step of its own does not reorder them; a column read twice
    // does.
    [Theory]
    [InlineData("every column scaled", true)]
    [InlineData("three columns scaled", true)]
    [InlineData("every column robust-scaled", true)]
    [InlineData("twenty columns scaled, the rest passed through", true)]
    [InlineData("every column min-max scaled", false)]
    [InlineData("every column scaled, then min-max scaled", false)]
    [InlineData("one column in two steps", false)]
    [InlineData("the last column in a step of its own, first", true)]
    public void Each_pipeline_shape_takes_its_way_and_gives_the_general_ways_matrix(string shape, bool takesRows)
    {
        var all = Models.CancerFeatures.ToArray();
        var pipeline = shape switch
        {
            "every column scaled" => new FeaturePipeline().Add("scaled", ColumnSelector.Names(all), new StandardScaler()),
            "three columns scaled" => new FeaturePipeline().Add("scaled", ColumnSelector.Names(all[..3]), new StandardScaler()),
            "every column robust-scaled" => new FeaturePipeline().Add("scaled", ColumnSelector.Names(all), new RobustScaler()),
            "twenty columns scaled, the rest passed through" => new FeaturePipeline { Remainder = RemainderPolicy.Passthrough }
                .Add("scaled", ColumnSelector.Names(all[..20]), new StandardScaler()),
            "every column min-max scaled" => new FeaturePipeline().Add("scaled", ColumnSelector.Names(all), new MinMaxScaler()),
            "every column scaled, then min-max scaled" => new FeaturePipeline().Add("scaled", ColumnSelector.Names(all), new StandardScaler(), new MinMaxScaler()),
            "one column in two steps" => new FeaturePipeline().Add("scaled", ColumnSelector.Names(all), new StandardScaler()).Add("radius", ColumnSelector.Names(all[0]), new RobustScaler()),
            _ => new FeaturePipeline().Add("last", ColumnSelector.Names(all[^1]), new StandardScaler()).Add("scaled", ColumnSelector.Names(all[..^1]), new StandardScaler()),
        };
        using var folder = new Workbench.Testing.TempDirectory("shape");
        var matrix = pipeline.FitTransform(Models.Cancer, "diagnosis");
        var labels = Enumerable.Range(0, Models.Cancer.RowCount).Select(Models.CancerLabel).ToArray();
        new Workbench.Learning.Estimators.LogisticRegression { MaxIterations = 300 }.Fit(matrix.Dense!, labels).Save(folder.File("model.wbm"));
        pipeline.Save(folder.File("pipeline.json"));
        using var bundle = ModelBundle.Load(folder.Path);
        bundle.NumericInput.Should().NotBeNull(shape);
        bundle.NumericInput!.TakesRows.Should().Be(takesRows, shape);
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 77).Select(r => string.Join(",", bundle.Layout.Columns.Select(c => Models.Cancer[c.Name].Format(r * 7))))) + "\n");

        var read = RequestReader.ReadRows(bundle, body, DataFormat.Csv);

        read.Features.Should().NotBeNull(shape);
        ShortWayChecks.ShouldMatchTheGeneralWay(bundle, body, DataFormat.Csv, read);
    }

    [Fact]
    public void Models_whose_requests_need_the_general_way_have_no_short_way()
    {
        using var patients = Models.ModelBundle("models:/patients/1");
        patients.Layout.Columns.Should().Contain(c => c.Type != ColumnType.Double);
        patients.NumericInput.Should().BeNull("categorical columns are read as text");

        using var folder = new Workbench.Testing.TempDirectory("one-hot");
        var pipeline = new FeaturePipeline()
            .Add("scaled", ColumnSelector.Names("mean_radius", "mean_texture"), new StandardScaler())
            .Add("binned", ColumnSelector.Names("mean_area"), new KBinsDiscretizer { Bins = 4 });
        var matrix = pipeline.FitTransform(Models.Cancer, "diagnosis");
        var labels = Enumerable.Range(0, Models.Cancer.RowCount).Select(Models.CancerLabel).ToArray();
        new Workbench.Learning.Estimators.LogisticRegression().Fit(matrix.Dense!, labels).Save(folder.File("model.wbm"));
        pipeline.Save(folder.File("pipeline.json"));
        using var binned = ModelBundle.Load(folder.Path);
        binned.NumericInput.Should().BeNull("a binning step is not a column-wise numeric transform");
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 5).Select(r => string.Join(",", binned.Layout.Columns.Select(c => Models.Cancer[c.Name].Format(r))))));
        var read = RequestReader.ReadRows(binned, body, DataFormat.Csv);
        read.Frame.Should().NotBeNull();
        binned.Predict(read).Rows.Should().Be(5);
    }
}
