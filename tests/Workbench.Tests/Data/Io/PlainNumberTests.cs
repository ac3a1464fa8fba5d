using System.Globalization;
using System.Text;
using Workbench.Data.Io;

namespace Workbench.Tests.Data.Io;

/// <summary>The serving CSV fast path's number reader: every number it reads is the runtime's double, bit for bit.</summary>
public sealed class PlainNumberTests
{
    [Fact]
    public void Every_number_it_reads_equals_the_runtimes_parse_and_it_stops_at_the_delimiter()
    {
        var random = new Random(20261121);
        var read = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var text = RandomNumber(random);
            // A delimiter, then padding that does or does not leave room for wide reads past the number.
            var padding = new string('7', random.Next(0, 40));
            var bytes = Encoding.ASCII.GetBytes(text + "," + padding);
            var position = 0;
            if (!FieldParser.TryParsePlainNumber(bytes, ref position, out var value))
            {
                position.Should().Be(0, $"a refused number leaves the position alone ('{text}')");
                continue;
            }

            read++;
            position.Should().Be(text.Length, $"'{text}' ends at its delimiter");
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            BitConverter.DoubleToInt64Bits(value).Should().Be(BitConverter.DoubleToInt64Bits(expected), $"'{text}' reads as {expected:R}, got {value:R}");

            // The unchecked scan over a body ending in a line feed, with the number last: the same value and end.
            var line = Encoding.ASCII.GetBytes(text + "\n");
            var lineEnd = 0;
            FieldParser.TryParsePlainNumber<EndsWithDelimiter>(line, ref lineEnd, out var fromLine).Should().BeTrue(text);
            lineEnd.Should().Be(text.Length);
            BitConverter.DoubleToInt64Bits(fromLine).Should().Be(BitConverter.DoubleToInt64Bits(expected), text);
        }

        read.Should().BeGreaterThan(40_000, "almost every generated number is on the fast path");
    }

    [Theory]
    [InlineData("0.1184", 0.1184)]
    [InlineData("-0", -0.0)]
    [InlineData("1001.0", 1001.0)]
    [InlineData(".5", 0.5)]
    [InlineData("7.", 7.0)]
    [InlineData("3e-05", 3e-05)]
    [InlineData("-2.5E+3", -2500.0)]
    [InlineData("9007199254740992", 9007199254740992.0)]
    public void Reads_the_plain_forms_clients_send(string text, double expected)
    {
        var position = 0;
        FieldParser.TryParsePlainNumber(Encoding.ASCII.GetBytes(text), ref position, out var value).Should().BeTrue();
        BitConverter.DoubleToInt64Bits(value).Should().Be(BitConverter.DoubleToInt64Bits(expected));
        position.Should().Be(text.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("12345678901234567890")]
    [InlineData("1e400")]
    [InlineData("9007199254740993")]
    [InlineData("1e23")]
    public void Leaves_everything_else_to_the_general_parser(string text)
    {
        var position = 0;
        FieldParser.TryParsePlainNumber(Encoding.ASCII.GetBytes(text), ref position, out _).Should().BeFalse();
        position.Should().Be(0);
        FieldParser.TryParsePlainNumber<EndsWithDelimiter>(Encoding.ASCII.GetBytes(text + "\n"), ref position, out _).Should().BeFalse();
        position.Should().Be(0);
    }

    private static string RandomNumber(Random random)
    {
        var sign = random.Next(4) == 0 ? "-" : string.Empty;
        var whole = random.Next(6) == 0 ? string.Empty : Digits(random, random.Next(1, 12));
        var fraction = random.Next(3) == 0 ? string.Empty : "." + Digits(random, random.Next(whole.Length == 0 ? 1 : 0, 12));
        var exponent = random.Next(6) == 0 ? (random.Next(2) == 0 ? "e" : "E") + (random.Next(3) switch { 0 => "-", 1 => "+", _ => string.Empty }) + random.Next(0, 30) : string.Empty;
        return sign + (whole.Length == 0 && fraction.Length == 0 ? "0" : whole) + fraction + exponent;
    }

    private static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
}
