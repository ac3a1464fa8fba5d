using System.Globalization;
using System.Text;
using Workbench.Data.Io;

namespace Workbench.Tests.Data.Io;

/// <summary>
/// <see cref="ShortestDouble"/> writes text that reads back to the same double, and exactly what .NET's
/// <c>double.ToString("R")</c> writes wherever .NET's own text reads back. It does not for some powers of two (2^-958
/// is written 4.104536801298376E-289, which reads back as the double below); there the text is Ryū's, which does.
/// </summary>
public sealed class ShortestDoubleTests
{
    public static TheoryData<double> Edges => new()
    {
        0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 0.25, 1.0 / 3, 2.0 / 3, 100.0, 1e14, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23,
        1e-4, 1e-5, 1.5e-5, 0.000123, 123456789012345.6, 12345678901234568.0, 1.2345678901234567e17,
        9007199254740992.0, 9007199254740994.0, 4503599627370496.5, double.MaxValue, double.MinValue, double.Epsilon,
        2.2250738585072014e-308, 2.2250738585072009e-308, 1e-300, 1e300,
        0.9999999987918329, 1.2081671219021928e-09, 299792458.0, 6.02214076e23, 1.602176634e-19,
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edges_are_written_as_dotnet_writes_them(double value) => ShouldWrite(value);

    [Fact]
    public void Random_bit_patterns_of_every_exponent_are_written_as_dotnet_writes_them()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 1_000_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (double.IsFinite(value))
            {
                ShouldWrite(value);
            }
        }
    }

    [Fact]
    public void A_power_of_two_dotnet_writes_wrongly_is_written_to_read_back()
    {
        var value = BitConverter.Int64BitsToDouble(0x0410000000000000);
        double.Parse(Expected(value), CultureInfo.InvariantCulture).Should().NotBe(value, ".NET's text is one digit short");
        Format(value).Should().Be("4.1045368012983762E-289");
        double.Parse(Format(value), CultureInfo.InvariantCulture).Should().Be(value);
    }

    [Fact]
    public void Probabilities_integers_and_short_decimals_are_written_as_dotnet_writes_them()
    {
        var random = new Random(7);
        for (var i = 0; i < 300_000; i++)
        {
            var probability = random.NextDouble();
            var logistic = 1 / (1 + Math.Exp(-((random.NextDouble() * 60) - 30)));
            double integer = random.NextInt64(-(1L << 60), 1L << 60) >> random.Next(60);
            var shortDecimal = Math.Round(random.NextDouble() * 1000, random.Next(8)) * Math.Pow(10, random.Next(-12, 12));
            var powerOfTwo = Math.ScaleB(1, random.Next(-1074, 1024));
            foreach (var value in new[] { probability, logistic, 1 - logistic, integer, shortDecimal, powerOfTwo, Math.BitIncrement(powerOfTwo), Math.BitDecrement(powerOfTwo) })
            {
                if (double.IsFinite(value))
                {
                    ShouldWrite(value);
                }
            }
        }
    }

    [Fact]
    public void Non_finite_values_are_left_to_the_caller()
    {
        var buffer = new byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormat(double.NaN, buffer, out var written).Should().BeFalse();
        ShortestDouble.TryFormat(double.PositiveInfinity, buffer, out written).Should().BeFalse();
        written.Should().Be(0);
    }

    private static void ShouldWrite(double value)
    {
        var text = Format(value);
        var bits = BitConverter.DoubleToInt64Bits(value);
        BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)).Should().Be(bits, "{0} reads back", text);
        var expected = Expected(value);
        if (BitConverter.DoubleToInt64Bits(double.Parse(expected, CultureInfo.InvariantCulture)) == bits)
        {
            text.Should().Be(expected, "bits {0:X16}", bits);
        }
        else
        {
            DigitCount(text).Should().BeLessThanOrEqualTo(17, "bits {0:X16}", bits);
        }
    }

    private static int DigitCount(string text) => text.Split('E')[0].TrimStart('-', '0', '.').Count(char.IsDigit);

    private static string Format(double value)
    {
        var buffer = new byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormat(value, buffer, out var written).Should().BeTrue();
        return Encoding.ASCII.GetString(buffer, 0, written);
    }

    private static string Expected(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
