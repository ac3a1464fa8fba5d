using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Monitoring.Baselines;
using Workbench.Monitoring.Drift;
using Workbench.Monitoring.ModelMonitorFormat;
using Workbench.Testing;

namespace Workbench.Tests.Monitoring;

/// <summary>SageMaker Model Monitor's published files: the samples parse, ours have their fields, and ours round-trip.</summary>
public sealed class ModelMonitorFilesTests
{
    private static string Sample(string name) => RepoPaths.Combine("contracts", "aws", "model-monitor-samples", name);

    private static readonly Lazy<Baseline> Patients = new(() => Baseline.Fit(
        Frame.ReadCsv(RepoPaths.Combine("data-samples", "patients.csv")),
        new BaselineOptions { Target = "readmitted_30d", Timestamp = "admitted_at" }));

    [Fact]
    public void The_sample_statistics_and_constraints_parse_into_a_baseline()
    {
        var baseline = Baseline.FromModelMonitor(Sample("statistics.json"), Sample("constraints.json"));

        baseline.Source.Should().Be("model-monitor");
        baseline.RowCount.Should().Be(418);
        baseline.Reference.Should().BeNull();
        var message = baseline["message"];
        message.Kind.Should().Be(FeatureKind.Categorical);
        message.Present.Should().Be(418);
        message.Categories!.Counts.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, long>("preproc-not-YET-supported-for-csv-json", 418));
        baseline.Constraints.Features.Select(f => f.Name).Should().Equal("message", "second_message");
        baseline.Constraints.Find("message")!.Completeness.Should().Be(1.0);
        baseline.Constraints.Find("message")!.Domains.Should().Equal("preproc-not-YET-supported-for-csv-json");
        baseline.Constraints.Config.ComparisonThreshold.Should().Be(1.0);
    }

    [Fact]
    public void The_sample_violations_parse_with_Model_Monitor_check_types()
    {
        var violations = ConstraintViolation.Load(Sample("constraint_violations.json"));

        violations.Should().HaveCount(7);
        violations.Select(v => v.ConstraintCheckType).Should().OnlyContain(t => ConstraintCheckTypes.All.Contains(t));
        violations[0].Should().Be(new ConstraintViolation("store_and_fwd_flag", "categorical_values_check", "Value: 0.009009009009009009 does not meet the constraint requirement! "));
    }

    [Fact]
    public void Violations_round_trip_and_describe_values_as_Model_Monitor_does()
    {
        using var folder = new TempDirectory("wb-monitoring");
        var path = folder.File("constraint_violations.json");
        var violations = ConstraintViolation.Load(Sample("constraint_violations.json"));

        ConstraintViolation.Save(violations, path);

        ConstraintViolation.Load(path).Should().Equal(violations);
        foreach (var violation in violations)
        {
            var value = double.Parse(violation.Description["Value: ".Length..violation.Description.IndexOf(" does", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            ConstraintViolation.ValueDescription(value).Should().Be(violation.Description, "Java's Double.toString spelling");
        }
    }

    [Fact]
    public void Our_statistics_json_has_Model_Monitor_fields_for_numbers_and_strings()
    {
        using var folder = new TempDirectory("wb-monitoring");
        Patients.Value.Save(folder.Path);
        var statistics = JsonNode.Parse(File.ReadAllText(folder.File("statistics.json")))!;

        statistics["version"]!.GetValue<double>().Should().Be(0.0);
        statistics["dataset"]!["item_count"]!.GetValue<long>().Should().Be(5000);
        var features = statistics["features"]!.AsArray();
        var bmi = features.Single(f => f!["name"]!.GetValue<string>() == "bmi")!;
        bmi["inferred_type"]!.GetValue<string>().Should().Be("Fractional");
        var numbers = bmi["numerical_statistics"]!;
        ((long)numbers["common"]!["num_present"]! + (long)numbers["common"]!["num_missing"]!).Should().Be(5000);
        numbers["common"]!["num_missing"]!.GetValue<long>().Should().Be(Patients.Value["bmi"].Missing).And.BeGreaterThan(0);
        foreach (var field in new[] { "mean", "sum", "std_dev", "min", "max" })
        {
            numbers[field].Should().NotBeNull(field);
        }

        var bmiValues = Frame.ReadCsv(RepoPaths.Combine("data-samples", "patients.csv"))["bmi"];
        var present = Enumerable.Range(0, bmiValues.Length).Where(i => !bmiValues.IsNull(i)).Select(i => Convert.ToDouble(bmiValues[i], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        numbers["sum"]!.GetValue<double>().Should().BeApproximately(present.Sum(), 1e-6);
        numbers["min"]!.GetValue<double>().Should().Be(present.Min());
        numbers["max"]!.GetValue<double>().Should().Be(present.Max());
        var kll = numbers["distribution"]!["kll"]!;
        kll["buckets"]!.AsArray().Sum(b => b!["count"]!.GetValue<double>()).Should().Be(present.Length);
        kll["buckets"]![0]!["lower_bound"]!.GetValue<double>().Should().Be(present.Min());
        kll["sketch"]!["parameters"]!["c"].Should().NotBeNull();
        kll["sketch"]!["parameters"]!["k"].Should().NotBeNull();
        kll["sketch"]!["data"]!.AsArray().Should().NotBeEmpty();

        var smoker = features.Single(f => f!["name"]!.GetValue<string>() == "smoker")!;
        smoker["inferred_type"]!.GetValue<string>().Should().Be("String");
        var strings = smoker["string_statistics"]!;
        strings["distinct_count"]!.GetValue<double>().Should().Be(3);
        strings["distribution"]!["categorical"]!["buckets"]!.AsArray().Sum(b => b!["count"]!.GetValue<long>()).Should().Be(5000);
        features.Single(f => f!["name"]!.GetValue<string>() == "age")!["inferred_type"]!.GetValue<string>().Should().Be("Integral");
    }

    [Fact]
    public void Our_constraints_json_has_completeness_non_negativity_domains_and_the_monitoring_config()
    {
        using var folder = new TempDirectory("wb-monitoring");
        Patients.Value.Save(folder.Path);
        var constraints = JsonNode.Parse(File.ReadAllText(folder.File("constraints.json")))!;

        constraints["version"]!.GetValue<double>().Should().Be(0.0);
        var features = constraints["features"]!.AsArray();
        var bmi = features.Single(f => f!["name"]!.GetValue<string>() == "bmi")!;
        bmi["completeness"]!.GetValue<double>().Should().BeLessThan(1).And.BeGreaterThan(0.9);
        bmi["num_constraints"]!["is_non_negative"]!.GetValue<bool>().Should().BeTrue();
        var smoker = features.Single(f => f!["name"]!.GetValue<string>() == "smoker")!;
        smoker["completeness"]!.GetValue<double>().Should().Be(1.0);
        smoker["string_constraints"]!["domains"]!.AsArray().Select(d => d!.GetValue<string>()).Should().BeEquivalentTo("never", "former", "current");
        var config = constraints["monitoring_config"]!;
        config["evaluate_constraints"]!.GetValue<string>().Should().Be("Enabled");
        config["emit_metrics"]!.GetValue<string>().Should().Be("Enabled");
        var distribution = config["distribution_constraints"]!;
        distribution["perform_comparison"]!.GetValue<string>().Should().Be("Enabled");
        distribution["comparison_threshold"]!.GetValue<double>().Should().Be(0.1);
        distribution["comparison_method"]!.GetValue<string>().Should().Be("Robust");
        distribution["categorical_comparison_threshold"]!.GetValue<double>().Should().Be(0.1);
        distribution["categorical_drift_method"]!.GetValue<string>().Should().Be("LInfinity");
    }

    [Fact]
    public void Our_baseline_round_trips_through_its_folder()
    {
        using var folder = new TempDirectory("wb-monitoring");
        var original = Patients.Value;
        original.Save(folder.Path);

        var loaded = Baseline.Load(folder.Path);

        loaded.RowCount.Should().Be(original.RowCount);
        loaded.Fingerprint.Should().Be(original.Fingerprint);
        loaded.Columns.Select(c => (c.Name, c.Kind, c.Role, c.Missing, c.Distinct)).Should().Equal(original.Columns.Select(c => (c.Name, c.Kind, c.Role, c.Missing, c.Distinct)));
        loaded["bmi"].Numeric!.Mean.Should().Be(original["bmi"].Numeric!.Mean);
        loaded["bmi"].Numeric!.Sketch.Quantile(0.5).Should().Be(original["bmi"].Numeric!.Sketch.Quantile(0.5));
        loaded["smoker"].Categories!.Counts.Should().Equal(original["smoker"].Categories!.Counts);
        loaded.Constraints.Should().BeEquivalentTo(original.Constraints);
        loaded.Reference!.RowCount.Should().Be(original.Reference!.RowCount);
        loaded.ModelMetrics.Should().BeEquivalentTo(original.ModelMetrics);

        // Saved again, the files are the same bytes: nothing is lost or reinterpreted on the way.
        using var again = new TempDirectory("wb-monitoring");
        loaded.Save(again.Path);
        File.ReadAllText(again.File("statistics.json")).Should().Be(File.ReadAllText(folder.File("statistics.json")));
        File.ReadAllText(again.File("constraints.json")).Should().Be(File.ReadAllText(folder.File("constraints.json")));
    }

    [Fact]
    public void Our_statistics_and_constraints_alone_read_back_as_a_Model_Monitor_baseline()
    {
        using var folder = new TempDirectory("wb-monitoring");
        Patients.Value.Save(folder.Path);
        File.Delete(folder.File("baseline.json"));
        File.Delete(folder.File("reference.csv"));

        var loaded = Baseline.Load(folder.Path, new BaselineOptions { Target = "readmitted_30d" });

        loaded.Source.Should().Be("model-monitor");
        loaded.RowCount.Should().Be(5000);
        loaded["bmi"].Numeric!.Min.Should().Be(Patients.Value["bmi"].Numeric!.Min);
        loaded["bmi"].Numeric!.Sketch.Quantile(0.5).Should().BeApproximately(Patients.Value["bmi"].Numeric!.Sketch.Quantile(0.5), 1e-9);
        loaded["smoker"].Categories!.Counts.Should().BeEquivalentTo(Patients.Value["smoker"].Categories!.Counts);
        loaded.Constraints.Should().BeEquivalentTo(Patients.Value.Constraints);
    }

    [Fact]
    public void A_statistics_only_baseline_measures_drift_with_Model_Monitor_s_L_infinity()
    {
        using var folder = new TempDirectory("wb-monitoring");
        Patients.Value.Save(folder.Path);
        File.Delete(folder.File("baseline.json"));
        var loaded = Baseline.Load(folder.Path, new BaselineOptions { Target = "readmitted_30d" });

        var unchanged = DataDrift.Detect(loaded, Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "unchanged.csv")));
        var shifted = DataDrift.Detect(loaded, Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "covariate_shift.csv")));

        unchanged["bmi"]!.Method.Should().Be(DriftMethod.LInfinityRobust, "constraints.json asks for the robust comparison");
        unchanged["bmi"]!.Drifted.Should().BeFalse(unchanged["bmi"]!.ToString());
        shifted["age"]!.Drifted.Should().BeTrue(shifted["age"]!.ToString());
        shifted["bmi"]!.Drifted.Should().BeTrue(shifted["bmi"]!.ToString());
        shifted.DriftedFeatures.Should().BeGreaterThan(unchanged.DriftedFeatures);
    }

    [Fact]
    public void A_broken_baseline_file_is_an_error_naming_the_file()
    {
        using var folder = new TempDirectory("wb-monitoring");
        folder.Write("statistics.json", "{\"version\": 0.0, \"features\": [ {\"name\": 3");

        var load = () => Baseline.Load(folder.Path);
        var empty = () => Baseline.Load(folder.File("nothing-here"));

        load.Should().Throw<Exception>().WithMessage("*statistics.json*");
        empty.Should().Throw<DirectoryNotFoundException>().WithMessage("*nothing-here*");
    }
}
