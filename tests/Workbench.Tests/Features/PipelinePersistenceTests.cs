using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Persistence;
using Workbench.Features.Text;
using Workbench.Testing;

namespace Workbench.Tests.Features;

/// <summary>Save, load, identical output; byte-stable files; every corruption a clear error with the JSON path.</summary>
public sealed class PipelinePersistenceTests
{
    /// <summary>One step per transform kind, so the round trip covers every kind's state.</summary>
    private static FeaturePipeline EveryKind() => new FeaturePipeline { Output = MatrixOutput.Sparse }
        .Add("impute_scale", ColumnSelector.Names("age", "bmi"), new SimpleImputer(ImputeStrategy.Median) { AddIndicator = true }, new StandardScaler())
        .Add("minmax", ColumnSelector.Names("glucose"), new SimpleImputer(ImputeStrategy.Constant) { FillValue = 100 }, new MinMaxScaler { FeatureRange = (-1, 1), Clip = true })
        .Add("robust", ColumnSelector.Names("cholesterol"), new SimpleImputer(ImputeStrategy.Mean), new RobustScaler { QuantileRange = (10, 90), UnitVariance = true })
        .Add("onehot", ColumnSelector.Names("smoker", "department"), new OneHotEncoder { MinFrequency = 0.05, MaxCategories = 4, Drop = DropCategory.IfBinary, HandleUnknown = UnknownCategoryPolicy.InfrequentIfExist })
        .Add("ordinal", ColumnSelector.Names("blood_pressure_category"), new OrdinalEncoder
        {
            Categories = new Dictionary<string, IReadOnlyList<string>> { ["blood_pressure_category"] = ["normal", "elevated", "stage_1", "stage_2"] },
            HandleUnknown = OrdinalUnknownPolicy.UseEncodedValue,
            UnknownValue = -1,
        })
        .Add("target", ColumnSelector.Names("insurance"), new TargetEncoder { Seed = 4, Smoothing = 5 })
        .Add("bins", ColumnSelector.Names("systolic_bp"), new KBinsDiscretizer(4, BinStrategy.Quantile, BinEncoding.OneHot))
        .Add("power", ColumnSelector.Names("length_of_stay_days"), new PowerTransformer(PowerMethod.BoxCox))
        .Add("log", ColumnSelector.Names("diastolic_bp"), new LogTransform { Offset = 1 })
        .Add("interactions", ColumnSelector.Names("age", "num_prior_admissions"), new InteractionFeatures { Pairs = [("age", "num_prior_admissions")] })
        .Add("dates", ColumnSelector.Names("admitted_at"), new DateTimeFeatures(DateParts.Year | DateParts.Hour | DateParts.IsWeekend))
        .Add("counts", "chief_complaint", new CountVectorizer { StopWords = StopWords.English, Binary = true })
        .Add("tfidf", "chief_complaint", new TfidfVectorizer { NgramRange = (1, 2), MinDf = 3, MaxDf = 0.9, SublinearTf = true, StopWords = new HashSet<string> { "with", "and" } })
        .Add("hashed_text", "chief_complaint", new HashingVectorizer { Features = 256, NgramRange = (1, 2) })
        .Add("hashed_ids", ColumnSelector.Names("insurance", "sex"), new FeatureHasher { Features = 32 })
        .Add("flags", ColumnSelector.Booleans());

    [Fact]
    public void A_saved_and_loaded_pipeline_gives_the_same_matrix_on_new_data()
    {
        using var folder = new TempDirectory("wb-features");
        var pipeline = EveryKind().Fit(FeatureData.Patients, target: "readmitted_30d");
        pipeline.Save(folder.File("features.json"));
        var loaded = FeaturePipeline.Load(folder.File("features.json"));

        loaded.IsFitted.Should().BeTrue();
        loaded.Target.Should().Be("readmitted_30d");
        loaded.GetFeatureNamesOut().Should().Equal(pipeline.GetFeatureNamesOut());
        loaded.Steps.Select(s => s.Describe()).Should().Equal(pipeline.Steps.Select(s => s.Describe()));
        foreach (var batch in new[] { "unchanged", "new_categories", "covariate_shift" })
        {
            var frame = FeatureData.Batch(batch);
            var expected = pipeline.Transform(frame).Sparse!;
            var actual = loaded.Transform(frame).Sparse!;
            actual.RowPointers.Should().Equal(expected.RowPointers, batch);
            actual.ColumnIndices.Should().Equal(expected.ColumnIndices, batch);
            actual.Values.Should().Equal(expected.Values, batch);
        }
    }

    [Fact]
    public void The_same_fit_always_writes_the_same_bytes_and_a_reload_writes_them_again()
    {
        using var folder = new TempDirectory("wb-features");
        EveryKind().Fit(FeatureData.Patients, "readmitted_30d").Save(folder.File("a.json"));
        EveryKind().Fit(FeatureData.Patients, "readmitted_30d").Save(folder.File("b.json"));
        FeaturePipeline.Load(folder.File("a.json")).Save(folder.File("c.json"));
        var a = File.ReadAllBytes(folder.File("a.json"));
        File.ReadAllBytes(folder.File("b.json")).Should().Equal(a);
        File.ReadAllBytes(folder.File("c.json")).Should().Equal(a);
        Directory.GetFiles(folder.Path).Should().HaveCount(3, "the temporary file is renamed into place, none is left behind");
    }

    [Fact]
    public void The_document_is_versioned_sorted_and_readable()
    {
        var json = JsonNode.Parse(EveryKind().Fit(FeatureData.Patients, "readmitted_30d").ToJson())!.AsObject();
        json.Select(p => p.Key).Take(2).Should().Equal("format", "version");
        json["format"]!.GetValue<string>().Should().Be("workbench.feature-pipeline");
        json["version"]!.GetValue<int>().Should().Be(1);
        json.Select(p => p.Key).Skip(2).Should().BeInAscendingOrder(StringComparer.Ordinal);
        var scaler = json["steps"]![0]!["transforms"]![1]!;
        scaler["kind"]!.GetValue<string>().Should().Be("standard_scaler");
        scaler["params"]!.AsObject().Select(p => p.Key).Should().Equal("with_mean", "with_std");
        scaler["state"]!["columns"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("age", "bmi", "bmi_is_missing");
        json.ToJsonString().Should().NotContain("Workbench.Features.", "no .NET type names in the file");
    }

    public static TheoryData<string, Func<JsonObject, JsonObject>, string> Corruptions => new()
    {
        { "newer version", j => Set(j, "version", 2), "*$.version: version 2 is not supported: this Workbench reads version 1 (the file was saved by a newer Workbench)" },
        { "other format", j => Set(j, "format", "workbench.data-schema"), "*$.format: expected 'workbench.feature-pipeline', found 'workbench.data-schema'*" },
        { "unknown kind", j => Edit(j, t => t["steps"]![0]!["transforms"]![1]!["kind"] = "System.Diagnostics.Process"), "*$.steps[0].transforms[1].kind: unknown transform kind 'System.Diagnostics.Process'; this version reads*" },
        { "missing field", j => Edit(j, t => t["steps"]![0]!["transforms"]![1]!["state"]!.AsObject().Remove("scale")), "*$.steps[0].transforms[1].state.scale: required field is missing" },
        { "short array", j => Edit(j, t => t["steps"]![0]!["transforms"]![1]!["state"]!["mean"]!.AsArray().RemoveAt(0)), "*$.steps[0].transforms[1].state.mean: expected 3 entries, found 2" },
        { "wrong type", j => Edit(j, t => t["steps"]![3]!["transforms"]![0]!["params"]!["handle_unknown"] = 3), "*$.steps[3].transforms[0].params.handle_unknown: expected a string, found the number 3" },
        { "bad choice", j => Edit(j, t => t["steps"]![3]!["transforms"]![0]!["params"]!["handle_unknown"] = "skip"), "*handle_unknown: 'skip' is not one of 'error', 'ignore', 'infrequent_if_exist'" },
        { "zero scale", j => Edit(j, t => t["steps"]![0]!["transforms"]![1]!["state"]!["scale"]![0] = 0), "*$.steps[0].transforms[1].state.scale[0]: a scale must be a positive finite number*" },
        { "changed number", j => Edit(j, t => t["steps"]![0]!["transforms"]![1]!["state"]!["mean"]![0] = 0.5), "*$.content_sha256: the content does not match its checksum*" },
        { "wrong chain", j => Edit(j, t => t["steps"]![0]!["transforms"]![1]!["state"]!["columns"]![2] = "bmi_missing"), "*$.steps[0].transforms[1].state.columns: the transform was fitted on [age, bmi, bmi_missing] but receives [age, bmi, bmi_is_missing]" },
        { "unknown column", j => Edit(j, t => t["steps"]![1]!["columns"]![0] = "sugar"), "*$.steps[1].columns: 'sugar' is not one of the input_columns" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupted_file_is_refused_with_the_file_and_the_JSON_path(string label, Func<JsonObject, JsonObject> corrupt, string message)
    {
        _ = label;
        using var folder = new TempDirectory("wb-features");
        var path = folder.File("features.json");
        var json = JsonNode.Parse(EveryKind().Fit(FeatureData.Patients, "readmitted_30d").ToJson())!.AsObject();
        File.WriteAllText(path, corrupt(json).ToJsonString());
        var act = () => FeaturePipeline.Load(path);
        act.Should().Throw<DocumentFormatException>().WithMessage($"{path}: {message}");
    }

    [Fact]
    public void Bad_JSON_and_truncated_files_say_where_they_break()
    {
        using var folder = new TempDirectory("wb-features");
        var path = folder.File("features.json");
        var text = EveryKind().Fit(FeatureData.Patients, "readmitted_30d").ToJson();
        File.WriteAllText(path, text[..(text.Length / 2)]);
        FluentActions.Invoking(() => FeaturePipeline.Load(path)).Should().Throw<DocumentFormatException>()
            .WithMessage($"{path}: $: not valid JSON (line *, byte *)*");
        File.WriteAllText(path, "[1, 2]");
        FluentActions.Invoking(() => FeaturePipeline.Load(path)).Should().Throw<DocumentFormatException>().WithMessage("*$: expected a JSON object, found an array");
        FluentActions.Invoking(() => FeaturePipeline.Load(folder.File("absent.json"))).Should().Throw<FileNotFoundException>().WithMessage("no feature pipeline at*");
    }

    [Fact]
    public void An_unfitted_pipeline_cannot_be_saved()
    {
        FluentActions.Invoking(() => EveryKind().ToJson()).Should().Throw<NotFittedException>().WithMessage("FeaturePipeline is not fitted yet: call Fit(frame) before Save.");
    }

    private static JsonObject Set(JsonObject json, string key, JsonNode value)
    {
        json[key] = value;
        return json;
    }

    private static JsonObject Edit(JsonObject json, Action<JsonObject> edit)
    {
        edit(json);
        return json;
    }
}
