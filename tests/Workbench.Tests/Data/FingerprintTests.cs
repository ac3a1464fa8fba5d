using System.Security.Cryptography;
using Workbench.Data;
using Workbench.Data.Io;
using Workbench.Testing;

namespace Workbench.Tests.Data;

public sealed class FingerprintTests
{
    private static Frame Sample() => new(
        new DoubleColumn("x", [1.5, null, -0.0, double.NaN]),
        new StringColumn("s", ["a", null, "ü", ""]),
        new CategoricalColumn("c", ["p", "q", null, "p"]),
        new DateTimeColumn("t", [new DateTime(2024, 1, 1), null, new DateTime(2024, 1, 2), new DateTime(2024, 1, 3)]));

    [Fact]
    public void Format_is_sha256_hex_and_stable_for_the_same_content()
    {
        var fingerprint = Sample().Fingerprint();
        DatasetFingerprint.IsValid(fingerprint).Should().BeTrue(fingerprint);
        fingerprint.Should().Be(Sample().Fingerprint());
        DatasetFingerprint.IsValid("sha256:XYZ").Should().BeFalse();
    }

    [Fact]
    public void The_encoding_is_the_documented_one()
    {
        // One int64 column [5, missing]: recompute the digest from the spec in XML docs.
        var frame = new Frame(new Int64Column("n", [5L, null]));
        var column = SHA256.HashData([
            .. "wb-column-v1\n"u8, 1, 0, 0, 0, (byte)'n', 5, 0, 0, 0, .. "int64"u8,
            1, 5, 0, 0, 0, 0, 0, 0, 0, 0]);
        var expected = SHA256.HashData([.. "wb-frame-v1\n"u8, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, .. column]);
        frame.Fingerprint().Should().Be("sha256:" + Convert.ToHexStringLower(expected));
    }

    [Fact]
    public void Any_change_to_values_names_types_or_order_changes_it()
    {
        var original = Sample().Fingerprint();
        var changedValue = Sample();
        changedValue["x"] = new DoubleColumn("x", [1.5, null, -0.0, 2.0]);
        var renamed = Sample().Rename(("x", "y"));
        var retyped = Sample();
        retyped["c"] = ((CategoricalColumn)retyped["c"]).ToStringColumn();
        var reordered = Sample().Take([1, 0, 2, 3]);
        var missingVersusEmpty = Sample();
        missingVersusEmpty["s"] = new StringColumn("s", ["a", "", "ü", ""]);
        new[] { changedValue, renamed, retyped, reordered, missingVersusEmpty }.Select(f => f.Fingerprint())
            .Should().OnlyHaveUniqueItems().And.NotContain(original);
        var zero = new Frame(new DoubleColumn("z", [0.0])).Fingerprint();
        new Frame(new DoubleColumn("z", [-0.0])).Fingerprint().Should().Be(zero, "-0 and 0 are one value");
    }

    [Fact]
    public void Batches_give_the_same_fingerprint_as_the_whole_frame()
    {
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "patients.csv"));
        var fingerprinter = new FrameFingerprinter();
        for (var start = 0; start < frame.RowCount; start += 777)
        {
            fingerprinter.Append(frame.Take(Frame.Range(start, Math.Min(777, frame.RowCount - start))));
        }

        fingerprinter.Finish().Should().Be(frame.Fingerprint());
        var other = new FrameFingerprinter();
        other.Append(frame.Head(3));
        var mismatch = () => other.Append(frame.Head(3).Drop("bmi"));
        mismatch.Should().Throw<ArgumentException>().WithMessage("*differ from the first batch's*");
    }

    [Fact]
    public void File_fingerprint_equals_sha256sum()
    {
        var path = Path.Combine(RepoPaths.DataSamples, "wine.csv");
        var result = ChildProcess.Run("sha256sum", [path]);
        DatasetFingerprint.OfFile(path).Should().Be("sha256:" + result.StandardOutput.Split(' ')[0]);
        var missing = () => DatasetFingerprint.OfFile("/nowhere/data.csv");
        missing.Should().Throw<FileNotFoundException>().WithMessage("*'/nowhere/data.csv'*");
    }

    [Fact]
    public void Csv_and_json_lines_copies_of_a_frame_fingerprint_alike()
    {
        using var folder = new TempDirectory("fingerprint");
        var frame = Frame.ReadCsv(Path.Combine(RepoPaths.DataSamples, "diabetes.csv"));
        frame.WriteJsonLines(folder.File("diabetes.jsonl"));
        var types = frame.Schema.ToDictionary(s => s.Name, s => s.Type);
        var back = JsonLinesReader.Read(folder.File("diabetes.jsonl"), new JsonLinesReadOptions { ColumnTypes = types });
        back.Fingerprint().Should().Be(frame.Fingerprint(), "the content hash does not depend on the file format");
    }
}
