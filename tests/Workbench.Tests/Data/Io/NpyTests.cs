using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Workbench.Data.Io;
using Workbench.Testing;

namespace Workbench.Tests.Data.Io;

/// <summary>The <c>.npy</c> reader and writer against numpy itself: numpy writes, we read; we write, numpy reads.</summary>
public sealed class NpyTests : IDisposable
{
    // numpy's files are written once per test run; each test reads the ones it needs.
    private static readonly Lazy<TempDirectory> NumpyCases = new(() =>
    {
        var folder = new TempDirectory("npy-cases");
        PythonPeer.Run(WriteCases, [folder.Path]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        return folder;
    });

    private readonly TempDirectory _folder = new("npy");

    public void Dispose() => _folder.Dispose();

    // Each case: a numpy expression saved as <name>.npy, and its tolist() (NaN as null) in <name>.json.
    private const string WriteCases = """
        import json, sys, io, numpy as np
        from numpy.lib import format as fmt
        out = sys.argv[1]
        rng = np.random.default_rng(7)
        cases = {
            "f8_c": rng.normal(size=(5, 3)) * 1e3,
            "f8_fortran": np.asfortranarray(rng.normal(size=(4, 6))),
            "f8_big_endian": rng.normal(size=(3, 2)).astype(">f8"),
            "f4": rng.normal(size=(3, 4)).astype("<f4"),
            "f2": np.array([[0.5, -2.25], [65504.0, 1e-3]], dtype="<f2"),
            "f8_nan_inf": np.array([[1.5, np.nan], [np.inf, -np.inf]]),
            "i1": np.array([[-128, 127], [0, -1]], dtype="i1"),
            "i2_big_endian": np.array([-32768, 32767, 5], dtype=">i2"),
            "i4": np.array([[-2**31, 2**31 - 1]], dtype="<i4"),
            "i8": np.array([-2**63, 2**63 - 1, 2**53 + 1], dtype="<i8"),
            "u1": np.array([0, 255], dtype="u1"),
            "u2": np.array([65535], dtype="<u2"),
            "u4": np.array([2**32 - 1], dtype="<u4"),
            "u8": np.array([2**63 - 1, 2**64 - 1], dtype="<u8"),
            "bool": np.array([[True, False], [False, True]]),
            "unicode": np.array(["benign", "Zoë", "日本語", "🙂 ok", ""]),
            "bytes": np.array([b"abc", b"", b"a\\x00b"], dtype="S4"),
            "scalar": np.array(42.5),
            "empty_rows": np.zeros((0, 3)),
            "records": np.array([(1.5, 3, "x", True), (np.nan, -7, "yz", False)], dtype=[("bmi", "<f8"), ("age", "<i8"), ("sex", "<U2"), ("smoker", "?")]),
            "records_aligned": np.array([(1, 2.5), (3, 4.5)], dtype=np.dtype([("a", "u1"), ("b", "<f8")], align=True)),
        }
        def plain(value):
            if isinstance(value, bytes):
                return value.decode("latin-1")
            if isinstance(value, float) and value != value:
                return None
            if isinstance(value, float) and value in (float("inf"), float("-inf")):
                return "inf" if value > 0 else "-inf"
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            return value
        for name, array in cases.items():
            np.save(f"{out}/{name}.npy", array)
            json.dump({"shape": list(array.shape), "values": plain(array.tolist())}, open(f"{out}/{name}.json", "w"))
        for version in [(2, 0), (3, 0)]:
            with open(f"{out}/v{version[0]}.npy", "wb") as f:
                fmt.write_array(f, np.arange(6, dtype="<f8").reshape(2, 3), version=version)
        # Field names only UTF-8 can hold: numpy writes version 3.0.
        np.save(f"{out}/v3_names.npy", np.zeros(2, dtype=[("größe", "<f8"), ("名前", "<U3")]))
        np.save(f"{out}/object.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
        np.save(f"{out}/complex.npy", np.array([1 + 2j]))
        np.save(f"{out}/subarray.npy", np.zeros(2, dtype=[("v", "<f8", (3,))]))
        """;

    private static string NumpyCaseFolder() => NumpyCases.Value.Path;

    [Theory]
    [InlineData("f8_c")]
    [InlineData("f8_fortran")]
    [InlineData("f8_big_endian")]
    [InlineData("f4")]
    [InlineData("f2")]
    [InlineData("f8_nan_inf")]
    [InlineData("i1")]
    [InlineData("i2_big_endian")]
    [InlineData("i4")]
    [InlineData("i8")]
    [InlineData("u1")]
    [InlineData("u2")]
    [InlineData("u4")]
    [InlineData("u8")]
    [InlineData("bool")]
    [InlineData("unicode")]
    [InlineData("bytes")]
    [InlineData("scalar")]
    [InlineData("empty_rows")]
    public void Simple_arrays_numpy_saves_read_element_for_element(string name)
    {
        var folder = NumpyCaseFolder();
        var array = NpyArray.Read(File.ReadAllBytes(Path.Combine(folder, name + ".npy")), name);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, name + ".json")))!;

        array.IsStructured.Should().BeFalse();
        array.Shape.Should().Equal(expected["shape"]!.AsArray().Select(d => (long)d!));
        var values = Flatten(expected["values"]).ToList();
        array.Count.Should().Be(values.Count);
        var shape = array.Shape;
        for (var i = 0; i < values.Count; i++)
        {
            // tolist() is in C order; the array may be stored in Fortran order.
            var item = shape.Count == 2 ? array.Item(array.IndexOf(i / shape[1], i % shape[1])) : array.Item(i);
            Text(array.Dtype!, item).Should().Be(values[i], $"element {i} of {name}");
        }
    }

    [Fact]
    public void Structured_arrays_read_by_field_and_padding_is_skipped()
    {
        var folder = NumpyCaseFolder();
        var records = NpyArray.Read(File.ReadAllBytes(Path.Combine(folder, "records.npy")));
        records.IsStructured.Should().BeTrue();
        records.Fields.Select(f => (f.Name, f.Dtype.Descr)).Should().Equal(("bmi", "<f8"), ("age", "<i8"), ("sex", "<U2"), ("smoker", "|b1"));
        var rows = Enumerable.Range(0, 2).Select(r => records.Fields.Select(f => Text(f.Dtype, records.Item(r).Slice(f.Offset, f.Dtype.ItemSize))).ToArray()).ToArray();
        rows[0].Should().Equal("1.5", "3", "x", "True");
        rows[1].Should().Equal(null, "-7", "yz", "False");

        var aligned = NpyArray.Read(File.ReadAllBytes(Path.Combine(folder, "records_aligned.npy")));
        aligned.ItemSize.Should().Be(16, "numpy pads the u1 field to the f8 field's alignment");
        aligned.Fields.Select(f => (f.Name, f.Offset)).Should().Equal(("a", 0), ("b", 8));
        Text(aligned.Fields[1].Dtype, aligned.Item(1).Slice(8, 8)).Should().Be("4.5");
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    public void Format_versions_2_and_3_read(string name)
    {
        var array = NpyArray.Read(File.ReadAllBytes(Path.Combine(NumpyCaseFolder(), name + ".npy")));
        array.Shape.Should().Equal(2L, 3L);
        Enumerable.Range(0, 6).Select(i => array.Dtype!.ReadDouble(array.Item(i))).Should().Equal(0, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void Field_names_outside_latin1_read_from_a_version_3_header()
    {
        var array = NpyArray.Read(File.ReadAllBytes(Path.Combine(NumpyCaseFolder(), "v3_names.npy")));
        array.Fields.Select(f => f.Name).Should().Equal("größe", "名前");
    }

    [Theory]
    [InlineData("object", "pickle")]
    [InlineData("complex", "dtype '<c16' is not supported")]
    [InlineData("subarray", "sub-arrays")]
    public void Arrays_that_cannot_be_read_are_refused_with_the_reason(string name, string reason)
    {
        var bytes = File.ReadAllBytes(Path.Combine(NumpyCaseFolder(), name + ".npy"));
        var act = () => NpyArray.Read(bytes, $"{name}.npy");
        act.Should().Throw<DataFormatException>().WithMessage($"{name}.npy*{reason}*");
    }

    [Fact]
    public void Damaged_files_name_what_is_wrong()
    {
        var good = NpyWriter.ToBytes(new double[,] { { 1, 2 }, { 3, 4 } });
        Refusal(Encoding.ASCII.GetBytes("1,2\n3,4\n")).Should().Contain("magic");
        Refusal(good[..^3]).Should().Contain("needs 32 bytes of data, but 29 follow").And.Contain("cut short");
        Refusal([.. good, 0]).Should().Contain("needs 32 bytes of data, but 33 follow");
        Refusal(good[..20]).Should().Contain("declares");
        var version9 = good.ToArray();
        version9[6] = 9;
        Refusal(version9).Should().Contain("version 9.0 is not supported");
        Refusal(WithHeader("{'descr': '<f8', 'shape': (2,), }")).Should().Contain("exactly the keys");
        Refusal(WithHeader("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }")).Should().Contain("'fortran_order' is not True or False");
        Refusal(WithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }")).Should().Contain("'shape'");
        Refusal(WithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,) ")).Should().Contain("at character");
        Refusal(WithHeader("{'descr': '<x8', 'fortran_order': False, 'shape': (2,), }")).Should().Contain("'<x8' is not supported");
    }

    [Fact]
    public void Python_2_headers_with_long_suffixes_and_escaped_names_read()
    {
        var array = NpyArray.Read(WithHeader("{'descr': [('it\\'s', '<f8')], 'fortran_order': False, 'shape': (1L,), }", data: 8));
        array.Shape.Should().Equal(1L);
        array.Fields.Single().Name.Should().Be("it's");
    }

    [Fact]
    public void What_the_writer_writes_numpy_loads_without_pickles()
    {
        var matrix = new double[,] { { 1.5, -0.0, double.NaN }, { 1e300, 5e-324, 17.99 } };
        File.WriteAllBytes(_folder.File("matrix.npy"), NpyWriter.ToBytes(matrix));

        var labels = new[] { "benign", "malignant", "Zoë 🙂" };
        var records = new ArrayBufferWriter<byte>();
        var text = NpyDtype.Unicode(labels.Max(NpyWriter.UnicodeLength));
        NpyWriter.WriteHeader(records, [("prediction", text), ("probability_日本", NpyDtype.Float64)], labels.Length);
        for (var i = 0; i < labels.Length; i++)
        {
            var record = records.GetSpan(text.ItemSize + 8)[..(text.ItemSize + 8)];
            NpyWriter.WriteUnicode(record, labels[i]);
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(record[text.ItemSize..], i / 4.0);
            records.Advance(record.Length);
        }

        File.WriteAllBytes(_folder.File("records.npy"), records.WrittenSpan.ToArray());

        var loaded = JsonNode.Parse(PythonPeer.Run("""
            import io, json, sys, numpy as np
            m = np.load(sys.argv[1] + "/matrix.npy", allow_pickle=False)
            r = np.load(sys.argv[1] + "/records.npy", allow_pickle=False)
            with open(sys.argv[1] + "/records.npy", "rb") as f:
                version = list(np.lib.format.read_magic(f))
            def saved(array):
                buffer = io.BytesIO()
                np.save(buffer, array)
                return buffer.getvalue()
            same = open(sys.argv[1] + "/matrix.npy", "rb").read() == saved(m) and open(sys.argv[1] + "/records.npy", "rb").read() == saved(r)
            print(json.dumps({"same_bytes": same,
                "matrix": [[repr(float(v)) for v in row] for row in m], "dtype": str(m.dtype), "c": bool(m.flags.c_contiguous),
                "fields": list(r.dtype.names), "labels": r["prediction"].tolist(), "p": r["probability_日本"].tolist(), "version": version,
            }))
            """, [_folder.Path]))!;

        loaded["same_bytes"]!.GetValue<bool>().Should().BeTrue("the writer writes what numpy.save writes for the same arrays");
        loaded["dtype"]!.GetValue<string>().Should().Be("float64");
        loaded["matrix"]!.AsArray().SelectMany(row => row!.AsArray().Select(v => v!.GetValue<string>()))
            .Should().Equal("1.5", "-0.0", "nan", "1e+300", "5e-324", "17.99");
        loaded["fields"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("prediction", "probability_日本");
        loaded["labels"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(labels);
        loaded["p"]!.AsArray().Select(n => n!.GetValue<double>()).Should().Equal(0, 0.25, 0.5);
        loaded["version"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(3, 0);
    }

    [Fact]
    public void Written_arrays_read_back()
    {
        var matrix = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var array = NpyArray.Read(NpyWriter.ToBytes(matrix));
        array.Shape.Should().Equal(2L, 3L);
        array.FortranOrder.Should().BeFalse();
        array.Dtype!.ReadDouble(array.Item(array.IndexOf(1, 2))).Should().Be(6);
        var bytes = NpyWriter.ToBytes(matrix);
        (bytes.Length - 48).Should().Be(128, "the data starts on a 64-byte boundary");
        Encoding.Latin1.GetString(bytes.AsSpan(10, 118)).TrimEnd().Should().Be("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }");
        bytes[127].Should().Be((byte)'\n');
    }

    private static string Refusal(byte[] bytes)
    {
        var act = () => NpyArray.Read(bytes, "body.npy");
        return act.Should().Throw<DataFormatException>().Which.Message;
    }

    private static byte[] WithHeader(string header, int data = 16)
    {
        var text = Encoding.Latin1.GetBytes(header + "\n");
        var bytes = new byte[10 + text.Length + data];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        text.CopyTo(bytes, 10);
        return bytes;
    }

    private static IEnumerable<string?> Flatten(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Flatten),
        null => [null],
        JsonValue value when value.TryGetValue<bool>(out var flag) => [flag ? "True" : "False"],
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonValue value when value.TryGetValue<long>(out var integer) => [integer.ToString(CultureInfo.InvariantCulture)],
        JsonValue value when value.TryGetValue<ulong>(out var unsigned) => [unsigned.ToString(CultureInfo.InvariantCulture)],
        JsonValue value => [value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture)],
        _ => throw new InvalidOperationException(),
    };

    // An element as the expected JSON gives it: integers exactly, floats round-tripped, NaN as null.
    private static string? Text(NpyDtype dtype, ReadOnlySpan<byte> item) => dtype.Kind switch
    {
        NpyKind.Boolean => item[0] != 0 ? "True" : "False",
        NpyKind.Integer => dtype.TryReadInt64(item, out var integer) ? integer.ToString(CultureInfo.InvariantCulture) : null,
        NpyKind.Unsigned => dtype.TryReadInt64(item, out var small) ? small.ToString(CultureInfo.InvariantCulture) : System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(item).ToString(CultureInfo.InvariantCulture),
        NpyKind.Float => dtype.ReadDouble(item) is var value && double.IsNaN(value) ? null
            : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
            : value.ToString("R", CultureInfo.InvariantCulture),
        NpyKind.Bytes => Encoding.Latin1.GetString(dtype.ReadUtf8(item)),
        _ => Encoding.UTF8.GetString(dtype.ReadUtf8(item)),
    };
}
