using System.Buffers;
using System.Globalization;
using System.Text;
using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>
/// The AVX-512 CSV reader (<see cref="NumericCsvVectorReader"/>, <see cref="CsvFieldStarts"/>) on its own: every field
/// read to the bit as <see cref="double.Parse(string, NumberStyles, IFormatProvider)"/> reads it, whether it fits a
/// lane or goes to the field reader, in a group of eight or in the tail; fields that are not numbers refused; bodies
/// that are not a plain grid left to the row-by-row reader. End to end, against the general way:
/// <see cref="NumericCsvReaderTests"/>.
/// </summary>
public sealed class NumericCsvVectorReaderTests
{
    [Avx512Fact]
    public void Fields_of_every_shape_read_to_the_bit_as_double_Parse_reads_them()
    {
        var random = new Random(20261122);
        for (var grid = 0; grid < 400; grid++)
        {
            var rows = random.Next(1, 41);
            var columns = random.Next(1, 36);
            var cells = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => AnyNumber(random)).ToArray()).ToArray();
            var text = string.Join("\n", cells.Select(row => string.Join(",", row))) + (random.Next(2) == 0 ? "\n" : "");

            ShouldRead(text, columns, cells, $"grid {grid}");
        }
    }

    [Avx512Fact]
    public void Fields_at_a_lanes_limits_read_in_the_lane_or_alone_alike()
    {
        string[] fields =
        [
            "12345678", "1234567.8", ".1234567", "1234567.", "-1234567", "-123456.7", "-.123456", "-123456.",
            "123456789", "12345678.9", "-12345678", "-1234567.8", "0.0000001", "00000000", "-0", "-0.0", "0", ".0",
            "9", "-9", "5.", ".5", "-.5", "-5.",
        ];
        var random = new Random(7);
        foreach (var columns in new[] { 1, 3, 8, 9, 30 })
        {
            var cells = Enumerable.Range(0, 37).Select(_ => Enumerable.Range(0, columns).Select(_ => fields[random.Next(fields.Length)]).ToArray()).ToArray();
            ShouldRead(string.Join("\n", cells.Select(row => string.Join(",", row))), columns, cells, $"{columns} columns");
        }
    }

    [Avx512Fact]
    public void A_large_body_reads_whole()
    {
        var random = new Random(569);
        var cells = Enumerable.Range(0, 20_000).Select(_ => Enumerable.Range(0, 30).Select(_ => (random.NextDouble() * 1000).ToString("F" + random.Next(0, 6), CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var text = string.Join("\n", cells.Select(row => string.Join(",", row))) + "\n";
        text.Length.Should().BeGreaterThan(2_000_000);

        ShouldRead(text, 30, cells, "20,000 rows");
    }

    private static readonly string[] NotNumbers = ["", "abc", "1.2.3", "-", ".", "-.", "--1", "1-2", "1e400", "nan", "inf", "0x10", "1 2", "\u00a01", "1.5x"];

    [Avx512Fact]
    public void A_field_that_is_not_one_finite_number_is_refused_wherever_it_stands()
    {
        foreach (var bad in NotNumbers)
        {
            // Field 0, a lane in the middle of a group of eight, and a field of the tail that is read alone.
            foreach (var at in new[] { 0, 13, (20 * 3) - 1 })
            {
                var cells = Enumerable.Range(0, 20 * 3).Select(i => (i * 1.25).ToString(CultureInfo.InvariantCulture)).ToArray();
                cells[at] = bad;
                var text = string.Join("\n", cells.Chunk(3).Select(row => string.Join(",", row)));
                Read(text, 3).Outcome.Should().Be(NumericCsvVectorReader.Outcome.NotANumber, $"'{bad}' at field {at}");
            }
        }
    }

    [Avx512Fact]
    public void A_body_that_is_not_a_plain_grid_is_left_to_the_row_by_row_reader()
    {
        var cases = new Dictionary<string, string>
        {
            ["a quoted field"] = "1,\"2\",3\n4,5,6\n",
            ["CRLF line ends"] = "1,2,3\r\n4,5,6\r\n",
            ["a field short"] = "1,2,3\n4,5\n",
            ["a field too many on one line, one short on the next"] = "1,2,3,4\n5,6\n",
            ["a blank line"] = "1,2,3\n\n4,5,6\n",
            ["a trailing comma"] = "1,2,3,\n",
            ["only a line feed"] = "\n",
            ["more separators than numbers could fill"] = new string(',', 300) + "\n",
        };
        foreach (var (what, text) in cases)
        {
            Read(text, 3).Outcome.Should().Be(NumericCsvVectorReader.Outcome.NotAGrid, what);
        }
    }

    [Avx512Fact]
    public void Field_starts_are_found_across_block_edges_as_a_byte_by_byte_scan_finds_them()
    {
        // Both ways of compressing the separators: as bytes (AVX512-VBMI2, where the machine has it) and as ints.
        foreach (var compressBytes in System.Runtime.Intrinsics.X86.Avx512Vbmi2.IsSupported ? new[] { true, false } : [false])
        {
            var random = new Random(64);
            var found = 0;
            for (var length = 0; length <= 300; length++)
            {
                // From every other byte a separator to one in eight, so blocks hold from a few to more than 16 of them.
                var spacing = random.Next(2, 9);
                var body = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    body[i] = random.Next(spacing) != 0 ? (byte)('0' + random.Next(10)) : random.Next(3) == 0 ? (byte)'\n' : (byte)',';
                }

                var starts = new int[CsvFieldStarts.Capacity(length)];
                var count = CsvFieldStarts.Find(body, starts, out var lineFeeds, compressBytes);

                var expected = new List<int> { 0 };
                for (var i = 0; i < length; i++)
                {
                    if (body[i] is (byte)',' or (byte)'\n')
                    {
                        expected.Add(i + 1);
                    }
                }

                if (length > 0 && body[^1] != (byte)'\n')
                {
                    expected.Add(length + 1);
                }

                var what = $"length {length}, {(compressBytes ? "bytes" : "ints")}";
                // n numbers need 2n - 1 bytes at least.
                if (expected.Count - 1 > (length + 1) / 2)
                {
                    count.Should().Be(-1, $"{what} has more fields than numbers could fill");
                    continue;
                }

                starts.Take(count).Should().Equal(expected, what);
                lineFeeds.Should().Be(body.Count(b => b == (byte)'\n'), what);
                found++;
            }

            found.Should().BeGreaterThan(250, "most bodies have few enough fields to be indexed");
        }
    }

    // Both layouts the reader hands out hold the same bits.
    private static void ShouldRead(string text, int columns, string[][] cells, string what)
    {
        foreach (var rowMajor in new[] { false, true })
        {
            var (outcome, values, rows) = Read(text, columns, rowMajor);
            outcome.Should().Be(NumericCsvVectorReader.Outcome.Read, what);
            rows.Should().Be(cells.Length, what);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var expected = double.Parse(cells[r][c], NumberStyles.Float, CultureInfo.InvariantCulture);
                    var value = values[rowMajor ? (r * columns) + c : (c * rows) + r];
                    if (BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(expected))
                    {
                        var where = $"{what}, {(rowMajor ? "row-major" : "column-major")}, row {r}, column {c}: '{cells[r][c]}'";
                        value.Should().Be(expected, where);
                        BitConverter.DoubleToInt64Bits(value).Should().Be(BitConverter.DoubleToInt64Bits(expected), where + " (the sign of zero)");
                    }
                }
            }
        }
    }

    private static (NumericCsvVectorReader.Outcome Outcome, double[] Values, int Rows) Read(string text, int columns, bool rowMajor = false)
    {
        var outcome = NumericCsvVectorReader.TryRead(Encoding.UTF8.GetBytes(text), columns, rowMajor, out var read, out var rows);
        if (read is null)
        {
            return (outcome, [], rows);
        }

        var values = read.AsSpan(0, rows * columns).ToArray();
        ArrayPool<double>.Shared.Return(read);
        return (outcome, values, rows);
    }

    // The forms clients write numbers in: short ones that fit a lane, and every form read alone.
    private static string AnyNumber(Random random)
    {
        string Digits(int min, int max) => string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => (char)('0' + random.Next(10))));
        return random.Next(16) switch
        {
            0 => "-" + Digits(1, 7),
            1 => Digits(1, 4) + "." + Digits(1, 4),
            2 => "-" + Digits(1, 3) + "." + Digits(1, 3),
            3 => "." + Digits(1, 7),
            4 => Digits(1, 7) + ".",
            5 => Digits(1, 8),
            6 => Digits(9, 17),
            7 => Digits(1, 9) + "." + Digits(1, 9),
            8 => (random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture),
            9 => Digits(1, 2) + "." + Digits(1, 2) + (random.Next(2) == 0 ? "e-" : "E") + Digits(1, 2),
            10 => "+" + Digits(1, 4),
            11 => " " + Digits(1, 3) + "." + Digits(1, 2) + " ",
            12 => new[] { "-0", "-0.0", "0", "000.000", "-.0" }[random.Next(5)],
            13 => (random.NextDouble() * Math.Pow(10, random.Next(-8, 8))).ToString("R", CultureInfo.InvariantCulture),
            14 => "-" + Digits(1, 6) + ".",
            _ => "-." + Digits(1, 6),
        };
    }
}
