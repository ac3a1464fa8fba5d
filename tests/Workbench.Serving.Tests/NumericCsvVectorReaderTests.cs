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
                ReadScaled(text, Unscaled(3)).Outcome.Should().Be(NumericCsvVectorReader.Outcome.NotANumber, $"'{bad}' at field {at}, scaled");
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
            ReadScaled(text, Unscaled(3)).Outcome.Should().Be(NumericCsvVectorReader.Outcome.NotAGrid, what);
        }
    }

    // Each column has a range and a scale of its own, so a value one ulp outside its column's range (read alone) or
    // half a unit outside (read in a lane) is refused though it lies inside its neighbours'; in a lane of a group of eight (the groups run across rows, and a row narrower than
    // eight wraps more than once) or in the tail.
    [Avx512Fact]
    public void A_value_its_column_refuses_is_refused_wherever_it_stands()
    {
        var random = new Random(20261124);
        foreach (var width in new[] { 1, 3, 7, 8, 9, 15, 16, 30 })
        {
            var low = Enumerable.Range(0, width).Select(j => -j - 1.0).ToArray();
            var high = Enumerable.Range(0, width).Select(j => (j * 2.0) + 0.5).ToArray();
            var scaling = RowScaling.Of(low, high, Enumerable.Range(0, width).Select(j => j * 0.25).ToArray(), Enumerable.Range(0, width).Select(j => 1.0 + j).ToArray());
            const int rows = 13;
            var values = new double[rows * width];
            for (var i = 0; i < values.Length; i++)
            {
                var j = i % width;
                // The bounds themselves are in range.
                values[i] = random.Next(5) == 0 ? (random.Next(2) == 0 ? low[j] : high[j]) : Math.Round(low[j] + (random.NextDouble() * (high[j] - low[j])), 3);
            }

            string Body(double[] cells) => string.Join("\n", cells.Chunk(width).Select(row => string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))) + "\n";
            ReadScaled(Body(values), scaling).Outcome.Should().Be(NumericCsvVectorReader.Outcome.Read, $"width {width}");
            ReadScaled(Body(values), scaling, rowLimit: rows - 1).Outcome.Should().Be(NumericCsvVectorReader.Outcome.Refused, $"{rows} rows over a limit of {rows - 1}");
            for (var at = 0; at < values.Length; at++)
            {
                var j = at % width;
                foreach (var value in new[] { Math.BitDecrement(low[j]), Math.BitIncrement(high[j]), low[j] - 0.5, high[j] + 0.5 })
                {
                    var copy = (double[])values.Clone();
                    copy[at] = value;
                    ReadScaled(Body(copy), scaling).Outcome.Should().Be(NumericCsvVectorReader.Outcome.Refused, $"{value:R} at row {at / width}, column {j} of {width}");
                }
            }
        }
    }

    // A scale so small that a value in range scales past float64's largest: the general way refuses the result, so the
    // row way must too, in a lane or alone.
    [Avx512Fact]
    public void A_value_that_scales_past_the_largest_double_is_refused()
    {
        const int width = 5;
        var scaling = RowScaling.Of(Enumerable.Repeat(double.NegativeInfinity, width).ToArray(), Enumerable.Repeat(double.PositiveInfinity, width).ToArray(), new double[width], [1, 1, 1e-310, 1, 1]);
        ReadScaled("0,0,0,0,0\n1,2,0,3,4\n5,6,0,7,8\n", scaling).Outcome.Should().Be(NumericCsvVectorReader.Outcome.Read, "0 / 1e-310 is 0");
        foreach (var row in new[] { 0, 1, 2 })
        {
            var lines = new[] { "0,0,0,0,0", "1,2,0,3,4", "5,6,0,7,8" };
            lines[row] = "1,1,1,1,1";
            ReadScaled(string.Join("\n", lines) + "\n", scaling).Outcome.Should().Be(NumericCsvVectorReader.Outcome.Refused, $"1 / 1e-310 in row {row}");
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

    // Every way out of the reader holds the same numbers: the doubles, column-major, and the float32 matrix written
    // through a row scaling, once with nothing to do ((v - 0) / 1 is v, -0 included) and once with a centre and scale
    // of each column's own.
    private static void ShouldRead(string text, int columns, string[][] cells, string what)
    {
        var (outcome, values, rows) = Read(text, columns);
        outcome.Should().Be(NumericCsvVectorReader.Outcome.Read, what);
        rows.Should().Be(cells.Length, what);
        var expected = cells.Select(row => row.Select(cell => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (BitConverter.DoubleToInt64Bits(values[(c * rows) + r]) != BitConverter.DoubleToInt64Bits(expected[r][c]))
                {
                    var where = $"{what}, row {r}, column {c}: '{cells[r][c]}'";
                    values[(c * rows) + r].Should().Be(expected[r][c], where);
                    BitConverter.DoubleToInt64Bits(values[(c * rows) + r]).Should().Be(BitConverter.DoubleToInt64Bits(expected[r][c]), where + " (the sign of zero)");
                }
            }
        }

        var random = new Random(columns);
        var unbounded = Enumerable.Repeat(double.PositiveInfinity, columns).ToArray();
        var centers = Enumerable.Range(0, columns).Select(_ => (random.NextDouble() - 0.5) * 100).ToArray();
        var scales = Enumerable.Range(0, columns).Select(_ => 0.01 + (random.NextDouble() * 50)).ToArray();
        foreach (var (center, scale) in new[] { (new double[columns], Enumerable.Repeat(1.0, columns).ToArray()), (centers, scales) })
        {
            var scaling = RowScaling.Of(unbounded.Select(v => -v).ToArray(), unbounded, center, scale);
            var (scaledOutcome, matrix, scaledRows) = ReadScaled(text, scaling);
            scaledOutcome.Should().Be(NumericCsvVectorReader.Outcome.Read, what);
            scaledRows.Should().Be(cells.Length, what);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var scaled = (float)((expected[r][c] - center[c]) / scale[c]);
                    BitConverter.SingleToInt32Bits(matrix[(r * columns) + c]).Should().Be(BitConverter.SingleToInt32Bits(scaled), $"{what}, scaled, row {r}, column {c}: '{cells[r][c]}'");
                }
            }
        }
    }

    private static (NumericCsvVectorReader.Outcome Outcome, double[] Values, int Rows) Read(string text, int columns)
    {
        var outcome = NumericCsvVectorReader.TryRead(Encoding.UTF8.GetBytes(text), columns, out var read, out var rows);
        if (read is null)
        {
            return (outcome, [], rows);
        }

        var values = read.AsSpan(0, rows * columns).ToArray();
        ArrayPool<double>.Shared.Return(read);
        return (outcome, values, rows);
    }

    private static (NumericCsvVectorReader.Outcome Outcome, float[] Matrix, int Rows) ReadScaled(string text, RowScaling scaling, int rowLimit = int.MaxValue)
    {
        var outcome = NumericCsvVectorReader.TryReadScaled(Encoding.UTF8.GetBytes(text), scaling, rowLimit, out var matrix, out var rows);
        (matrix is null).Should().Be(outcome != NumericCsvVectorReader.Outcome.Read);
        return (outcome, matrix ?? [], rows);
    }

    private static RowScaling Unscaled(int columns) =>
        RowScaling.Of(Enumerable.Repeat(double.NegativeInfinity, columns).ToArray(), Enumerable.Repeat(double.PositiveInfinity, columns).ToArray(), new double[columns], Enumerable.Repeat(1.0, columns).ToArray());

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
