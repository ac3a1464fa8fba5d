using System.Text.Json;
using Workbench.Data;
using Workbench.Features;
using Workbench.Features.Text;
using Workbench.Testing;

namespace Workbench.Tests.Features.Conformance;

/// <summary>Text vectorizers against scikit-learn 1.2: vocabulary (names and order) and values to 1e-9.</summary>
public sealed class TextConformanceTests
{
    /// <summary>Messier text than the complaints: case, punctuation, digits, underscores, accents, non-Latin scripts, empty and missing documents.</summary>
    private static readonly string?[] Notes =
    [
        "Chest pain, radiating to the LEFT arm; chest pain at rest.",
        "Shortness of breath (SOB) after 2 flights of stairs",
        "post-op day 3: wound clean, no fever, no chills",
        "Café visit → naïve patient; über-tired, 10/10 pain",
        "x-ray: no fracture. X-RAY repeated; follow_up in 2 weeks",
        "covid19 positive, sats 91% on room air",
        "",
        null,
        "a I",
        "日本語 テキスト and ελληνικά λέξεις with ½ and ² marks",
        "chest pain chest pain chest pain",
        "Fever and chills; fever spiking to 39.5 overnight",
        "patient denies chest pain, denies shortness of breath",
        "Abdominal pain and vomiting; abdominal CT ordered",
        "the of and to a in that is was he for it with as his on be at by",
    ];

    public static TheoryData<string, string> Settings => new()
    {
        { "default", "" },
        { "bigrams with df limits", "ngram_range=(1, 2), min_df=2, max_df=0.5" },
        { "english stop words, binary", "stop_words='english', binary=True" },
        { "fraction min_df, cap", "ngram_range=(1, 3), min_df=0.01, max_features=27" },
        { "no lowercase", "lowercase=False, ngram_range=(2, 2)" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void CountVectorizer_on_clinical_notes_matches_scikit_learn(string label, string settings)
    {
        _ = label;
        var (expected, names) = RunOnNotes($"CountVectorizer({settings})");
        var vectorizer = Configure<CountVectorizer>(settings);
        var counts = vectorizer.FitTransform(Notes, "note");
        Sklearn.ShouldMatch(counts, expected);
        vectorizer.VocabularyOut.Should().Equal(names);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void TfidfVectorizer_on_clinical_notes_matches_scikit_learn(string label, string settings)
    {
        _ = label;
        foreach (var weighting in new[] { "", "sublinear_tf=True, smooth_idf=False, norm='l1'", "use_idf=False", "norm=None" })
        {
            var all = string.Join(", ", new[] { settings, weighting }.Where(s => s.Length > 0));
            var (expected, names) = RunOnNotes($"TfidfVectorizer({all})");
            var vectorizer = Configure<TfidfVectorizer>(all);
            Sklearn.ShouldMatch(vectorizer.FitTransform(Notes, "note"), expected);
            vectorizer.VocabularyOut.Should().Equal(names);
        }
    }

    [Theory]
    [InlineData("ngram_range=(1, 2), min_df=2")]
    [InlineData("sublinear_tf=True, max_features=46, stop_words='english'")]
    public void TfidfVectorizer_fitted_on_patients_transforms_a_new_batch_like_scikit_learn(string settings)
    {
        var patients = Sklearn.Patients();
        var batch = Frame.ReadCsv(RepoPaths.Combine("data-samples", "batches", "patients", "new_categories.csv"));
        var (expected, names) = Sklearn.Run($"""
            from sklearn.feature_extraction.text import TfidfVectorizer
            batch = pd.read_csv("data-samples/batches/patients/new_categories.csv")
            vectorizer = TfidfVectorizer({settings}).fit(patients["chief_complaint"])
            out = vectorizer.transform(batch["chief_complaint"])
            names = vectorizer.get_feature_names_out()
            """);
        var vectorizer = Configure<TfidfVectorizer>(settings).Fit(patients.Select("chief_complaint"));
        Sklearn.ShouldMatch(vectorizer.Transform(batch.Select("chief_complaint")), expected);
        vectorizer.GetFeatureNamesOut().Should().Equal(names!.Select(n => "chief_complaint:" + n));
    }

    [Theory]
    [InlineData("n_features=1024")]
    [InlineData("n_features=64, alternate_sign=False, norm=None, ngram_range=(1, 2)")]
    [InlineData("n_features=2**20, binary=True, norm='l1'")]
    public void HashingVectorizer_matches_scikit_learn(string settings)
    {
        var (expected, _) = RunOnNotes($"HashingVectorizer({settings})", names: false);
        var features = settings.Contains("1024", StringComparison.Ordinal) ? 1024 : settings.Contains("64", StringComparison.Ordinal) ? 64 : 1 << 20;
        var vectorizer = new HashingVectorizer
        {
            Features = features,
            AlternateSign = !settings.Contains("alternate_sign=False", StringComparison.Ordinal),
            Norm = settings.Contains("norm=None", StringComparison.Ordinal) ? TextNorm.None : settings.Contains("'l1'", StringComparison.Ordinal) ? TextNorm.L1 : TextNorm.L2,
            Binary = settings.Contains("binary=True", StringComparison.Ordinal),
            NgramRange = settings.Contains("(1, 2)", StringComparison.Ordinal) ? (1, 2) : (1, 1),
        };
        var hashed = vectorizer.FitTransform(Notes, "note");
        if (features > 4096)
        {
            // 2^20 columns are compared through their stored entries, which scikit-learn prints as (row, column, value).
            hashed.NonZeroCount.Should().Be(expected.Length);
            foreach (var entry in expected)
            {
                hashed[(int)entry[0]!.Value, (int)entry[1]!.Value].Should().BeApproximately(entry[2]!.Value, 1e-12);
            }

            return;
        }

        Sklearn.ShouldMatch(hashed, expected);
    }

    [Fact]
    public void FeatureHasher_on_categories_and_numbers_matches_scikit_learn()
    {
        var frame = Sklearn.Patients().Select("department", "insurance", "num_prior_admissions", "bmi");
        var (expected, _) = Sklearn.Run("""
            from sklearn.feature_extraction import FeatureHasher
            cols = ["department", "insurance", "num_prior_admissions", "bmi"]
            rows = [{k: v for k, v in r.items() if not (isinstance(v, float) and np.isnan(v))} for r in patients[cols].to_dict("records")]
            out = FeatureHasher(n_features=256, input_type="dict").transform(rows)
            """);
        var hasher = new FeatureHasher { Features = 256 };
        Sklearn.ShouldMatch(hasher.FitTransform(frame), expected);
    }

    [Theory]
    [InlineData("chest pain")]
    [InlineData("naïve")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("")]
    public void MurmurHash3_matches_scikit_learns_murmurhash3_32(string text)
    {
        var output = PythonPeer.Run($"from sklearn.utils import murmurhash3_32; print(murmurhash3_32({JsonSerializer.Serialize(text)}, seed=0))");
        var expected = int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        MurmurHash3.Hash32(text).Should().Be(expected);
    }

    private static (double?[][] Rows, string[]? Names) RunOnNotes(string constructor, bool names = true)
    {
        var json = JsonSerializer.Serialize(Notes.Select(n => n ?? string.Empty));
        var snippet = $"""
            from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer, HashingVectorizer
            notes = json.loads({JsonSerializer.Serialize(json)})
            vectorizer = {constructor}
            out = vectorizer.fit_transform(notes)
            """;
        if (names)
        {
            snippet += "\nnames = vectorizer.get_feature_names_out()";
        }

        if (constructor.Contains("2**20", StringComparison.Ordinal))
        {
            snippet += "\ncoo = out.tocoo(); coo.eliminate_zeros()\nout = np.array([coo.row, coo.col, coo.data]).T";
        }

        if (constructor.Contains("max_features", StringComparison.Ordinal))
        {
            // The cut must not fall inside a tie, where scikit-learn's order is numpy's unstable sort.
            snippet += """

                params = {k: v for k, v in vectorizer.get_params().items() if k in CountVectorizer().get_params() and k not in ("max_features", "dtype")}
                tf = np.asarray(CountVectorizer(**params).fit_transform(notes).sum(axis=0)).ravel()
                order = np.sort(tf)[::-1]
                assert order[vectorizer.max_features - 1] != order[vectorizer.max_features], "a tie at the max_features cut"
                """;
        }

        return Sklearn.Run(snippet);
    }

    /// <summary>Our vectorizer with the same settings as the scikit-learn argument list.</summary>
    private static T Configure<T>(string settings)
        where T : class
    {
        var s = settings;
        var ngrams = s.Contains("(1, 2)", StringComparison.Ordinal) ? (1, 2) : s.Contains("(1, 3)", StringComparison.Ordinal) ? (1, 3) : s.Contains("(2, 2)", StringComparison.Ordinal) ? (2, 2) : (1, 1);
        var df = (
            Min: s.Contains("min_df=2", StringComparison.Ordinal) ? (CountOrFraction)2 : s.Contains("min_df=0.01", StringComparison.Ordinal) ? (CountOrFraction)0.01 : (CountOrFraction)1,
            Max: s.Contains("max_df=0.5", StringComparison.Ordinal) ? (CountOrFraction)0.5 : (CountOrFraction)1.0);
        int? maxFeatures = s.Contains("max_features=27", StringComparison.Ordinal) ? 27 : s.Contains("max_features=46", StringComparison.Ordinal) ? 46 : null;
        var stop = s.Contains("stop_words='english'", StringComparison.Ordinal) ? StopWords.English : null;
        var binary = s.Contains("binary=True", StringComparison.Ordinal);
        var lowercase = !s.Contains("lowercase=False", StringComparison.Ordinal);
        if (typeof(T) == typeof(CountVectorizer))
        {
            return (T)(object)new CountVectorizer { NgramRange = ngrams, MinDf = df.Min, MaxDf = df.Max, MaxFeatures = maxFeatures, StopWords = stop, Binary = binary, Lowercase = lowercase };
        }

        return (T)(object)new TfidfVectorizer
        {
            NgramRange = ngrams,
            MinDf = df.Min,
            MaxDf = df.Max,
            MaxFeatures = maxFeatures,
            StopWords = stop,
            Binary = binary,
            Lowercase = lowercase,
            SublinearTf = s.Contains("sublinear_tf=True", StringComparison.Ordinal),
            SmoothIdf = !s.Contains("smooth_idf=False", StringComparison.Ordinal),
            UseIdf = !s.Contains("use_idf=False", StringComparison.Ordinal),
            Norm = s.Contains("norm='l1'", StringComparison.Ordinal) ? TextNorm.L1 : s.Contains("norm=None", StringComparison.Ordinal) ? TextNorm.None : TextNorm.L2,
        };
    }
}
