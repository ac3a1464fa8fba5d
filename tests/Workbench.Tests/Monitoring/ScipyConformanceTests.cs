using System.Text.Json;
using Workbench.Monitoring.Statistics;
using Workbench.Testing;

namespace Workbench.Tests.Monitoring;

/// <summary>
/// The drift statistics against Debian's scipy 1.10 on the same samples (Peers/scipy_drift_reference.py builds the
/// samples with fixed seeds and computes scipy's values): every statistic and p-value equal to 1e-9.
/// </summary>
public sealed class ScipyConformanceTests
{
    private const double Tolerance = 1e-9;
    private static readonly Lazy<JsonDocument> Reference = new(() => JsonDocument.Parse(
        PythonPeer.Run(File.ReadAllText(RepoPaths.Combine("tests", "Workbench.Tests", "Monitoring", "Peers", "scipy_drift_reference.py"))),
        new JsonDocumentOptions()));

    private static JsonElement Root => Reference.Value.RootElement;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in new[]
        {
            "normal_8_12", "equal_20_20", "equal_300_300", "ties_50_70", "shift_300_1000", "same_400_900", "gamma_1000_9999",
            "asymp_1000_12000", "asymp_120_15000", "asymp_5000_20000", "far_apart_200_11000", "identical_60", "uniform_15_18",
            "lognormal_2000_3000", "rounded_700_800",
        })
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void The_peer_is_scipy_1_10()
    {
        Root.GetProperty("scipy").GetString().Should().StartWith("1.10");
        Root.GetProperty("cases").GetArrayLength().Should().Be(Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kolmogorov_Smirnov_statistic_and_p_value_equal_ks_2samp(string name)
    {
        var (a, b, expected) = Case(name);
        var result = KolmogorovSmirnov.TwoSample(a, b);

        result.Statistic.Should().BeApproximately(expected.GetProperty("ks")[0].GetDouble(), Tolerance);
        result.PValue.Should().BeApproximately(expected.GetProperty("ks")[1].GetDouble(), Tolerance);
        result.Method.Should().Be(Math.Max(a.Length, b.Length) <= 10000 ? KsMethod.Exact : KsMethod.Asymptotic);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Wasserstein_distance_equals_scipy(string name)
    {
        var (a, b, expected) = Case(name);
        Relative(Wasserstein.Distance(a, b), expected.GetProperty("wasserstein").GetDouble());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Anderson_Darling_statistic_and_capped_p_value_equal_anderson_ksamp(string name)
    {
        var (a, b, expected) = Case(name);
        var result = AndersonDarling.TwoSample(a, b);
        if (!expected.TryGetProperty("anderson", out var anderson))
        {
            result.Should().BeNull("scipy refuses pooled samples with a single distinct value");
            return;
        }

        result.Should().NotBeNull();
        result!.Statistic.Should().BeApproximately(anderson[0].GetDouble(), Tolerance);
        result.PValue.Should().BeApproximately(anderson[1].GetDouble(), Tolerance);
        result.PValue.Should().BeInRange(0.001, 0.25);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cramer_von_Mises_statistic_and_p_value_equal_cramervonmises_2samp(string name)
    {
        var (a, b, expected) = Case(name);
        var result = CramerVonMises.TwoSample(a, b);

        result.Statistic.Should().BeApproximately(expected.GetProperty("cvm")[0].GetDouble(), Tolerance);
        result.PValue.Should().BeApproximately(expected.GetProperty("cvm")[1].GetDouble(), Tolerance);
        result.Exact.Should().Be(Math.Max(a.Length, b.Length) <= 20);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sturges_bins_counts_and_binned_distances_equal_numpy(string name)
    {
        var (a, b, expected) = Case(name);
        var min = Math.Min(a[0], b[0]);
        var max = Math.Max(a[^1], b[^1]);
        var edges = Binning.EqualWidthEdges(min, max, Binning.SturgesBins(a.Length + b.Length, min, max));
        edges.Should().Equal(Doubles(expected.GetProperty("edges")));
        var countsA = Binning.Counts(a, edges);
        var countsB = Binning.Counts(b, edges);
        countsA.Should().Equal(Doubles(expected.GetProperty("counts_a")).Select(v => (long)v));
        countsB.Should().Equal(Doubles(expected.GetProperty("counts_b")).Select(v => (long)v));

        var ra = Binning.FillZeros(Binning.Shares(countsA, a.Length));
        var rb = Binning.FillZeros(Binning.Shares(countsB, b.Length));
        Divergences.PopulationStabilityIndex(ra, rb).Should().BeApproximately(expected.GetProperty("psi").GetDouble(), Tolerance);
        Divergences.KullbackLeibler(ra, rb).Should().BeApproximately(expected.GetProperty("kl").GetDouble(), Tolerance);
        Divergences.JensenShannon(ra, rb).Should().BeApproximately(expected.GetProperty("jensenshannon").GetDouble(), Tolerance);
    }

    [Fact]
    public void Chi_square_and_category_distances_equal_scipy()
    {
        foreach (var item in Root.GetProperty("categorical").EnumerateArray())
        {
            var reference = Doubles(item.GetProperty("reference"));
            var current = Doubles(item.GetProperty("current"));
            var scale = current.Sum() / reference.Sum();
            var result = ChiSquare.GoodnessOfFit(current, reference.Select(r => r * scale).ToArray());
            var chi = item.GetProperty("chi2");
            if (chi[0].ValueKind == JsonValueKind.String || double.IsInfinity(ReadNumber(chi[0])))
            {
                double.IsPositiveInfinity(result.Statistic).Should().BeTrue(item.GetProperty("name").GetString());
                result.PValue.Should().Be(0);
            }
            else
            {
                Relative(result.Statistic, ReadNumber(chi[0]));
                result.PValue.Should().BeApproximately(ReadNumber(chi[1]), Tolerance, item.GetProperty("name").GetString());
            }

            var rs = Binning.FillZeros(reference.Select(r => r / reference.Sum()).ToArray());
            var cs = Binning.FillZeros(current.Select(c => c / current.Sum()).ToArray());
            Divergences.PopulationStabilityIndex(rs, cs).Should().BeApproximately(item.GetProperty("psi").GetDouble(), Tolerance);
            Divergences.KullbackLeibler(rs, cs).Should().BeApproximately(item.GetProperty("kl").GetDouble(), Tolerance);
            Divergences.JensenShannon(rs, cs).Should().BeApproximately(item.GetProperty("jensenshannon").GetDouble(), Tolerance);
        }
    }

    [Fact]
    public void Proportions_z_test_equals_the_formula_with_scipys_normal_cdf()
    {
        foreach (var item in Root.GetProperty("ztests").EnumerateArray())
        {
            var c = item.GetProperty("counts");
            var result = ProportionsZTest.TwoSided(c[0].GetInt64(), c[1].GetInt64(), c[2].GetInt64(), c[3].GetInt64());
            result.Statistic.Should().BeApproximately(item.GetProperty("z").GetDouble(), Tolerance);
            result.PValue.Should().BeApproximately(item.GetProperty("p").GetDouble(), Tolerance);
        }
    }

    [Fact]
    public void Kolmogorov_distribution_equals_kstwo_sf_on_every_branch()
    {
        foreach (var item in Root.GetProperty("kstwo").EnumerateArray())
        {
            var n = item[0].GetInt64();
            var x = item[1].GetDouble();
            KolmogorovDistribution.TwoSidedSurvival(n, x).Should().BeApproximately(item[2].GetDouble(), Tolerance, $"kstwo.sf({x}, {n})");
        }
    }

    [Fact]
    public void Smirnov_distribution_equals_scipy_special_smirnov()
    {
        foreach (var item in Root.GetProperty("smirnov").EnumerateArray())
        {
            var n = item[0].GetInt64();
            var x = item[1].GetDouble();
            KolmogorovDistribution.SmirnovSurvival(n, x).Should().BeApproximately(item[2].GetDouble(), Tolerance, $"smirnov({n}, {x})");
        }
    }

    [Fact]
    public void Cramer_von_Mises_limiting_cdf_equals_scipy()
    {
        foreach (var item in Root.GetProperty("cvm_limit").EnumerateArray())
        {
            CramerVonMises.LimitingCdf(item[0].GetDouble()).Should().BeApproximately(item[1].GetDouble(), Tolerance, $"x = {item[0]}");
        }
    }

    private static (double[] A, double[] B, JsonElement Expected) Case(string name)
    {
        var element = Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var a = Doubles(element.GetProperty("a"));
        var b = Doubles(element.GetProperty("b"));
        Array.Sort(a);
        Array.Sort(b);
        return (a, b, element);
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(ReadNumber).ToArray();

    private static double ReadNumber(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : element.GetDouble();

    private static void Relative(double actual, double expected) =>
        actual.Should().BeApproximately(expected, Tolerance * Math.Max(1, Math.Abs(expected)));
}
