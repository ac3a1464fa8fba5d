using Workbench.Features.Persistence;

namespace Workbench.Features.Text;

/// <summary>
/// What the vocabulary-learning vectorizers (<see cref="CountVectorizer"/>, <see cref="TfidfVectorizer"/>) share: how the
/// vocabulary is pruned and capped, or fixed.
/// </summary>
/// <typeparam name="TSelf">The concrete vectorizer.</typeparam>
public abstract class VocabularyVectorizer<TSelf> : TextVectorizer<TSelf>
    where TSelf : VocabularyVectorizer<TSelf>
{
    private CountOrFraction _minDf = 1;
    private CountOrFraction _maxDf = 1.0;
    private int? _maxFeatures;
    private bool _binary;
    private IReadOnlyList<string>? _vocabulary;

    private protected VocabularyVectorizer()
    {
    }

    /// <summary>Keep terms in at least this many documents (a count) or this fraction of them.</summary>
    public CountOrFraction MinDf { get => _minDf; init => _minDf = value; }

    /// <summary>Keep terms in at most this many documents (a count) or this fraction of them (1.0: no limit).</summary>
    public CountOrFraction MaxDf { get => _maxDf; init => _maxDf = value; }

    /// <summary>Keep only the terms with the highest total counts.</summary>
    public int? MaxFeatures { get => _maxFeatures; init => _maxFeatures = value; }

    /// <summary>1 for a term present, instead of its count.</summary>
    public bool Binary { get => _binary; init => _binary = value; }

    /// <summary>A fixed vocabulary (in this order) instead of one learnt from the documents.</summary>
    public IReadOnlyList<string>? Vocabulary { get => _vocabulary; init => _vocabulary = value; }

    /// <summary>A CountVectorizer with the same analyzer and vocabulary settings.</summary>
    private protected CountVectorizer Counter()
    {
        var counter = new CountVectorizer();
        CopyTextTo(counter);
        VocabularyVectorizer<CountVectorizer> settings = counter;
        settings._minDf = _minDf;
        settings._maxDf = _maxDf;
        settings._maxFeatures = _maxFeatures;
        settings._binary = _binary;
        settings._vocabulary = _vocabulary;
        return counter;
    }

    private protected string DescribeVocabulary(string name, params string?[] flags)
    {
        var parts = new List<string>();
        if (NgramRange != (1, 1))
        {
            parts.Add($"ngrams={NgramRange.Min}..{NgramRange.Max}");
        }

        if (_minDf != 1)
        {
            parts.Add($"min_df={_minDf}");
        }

        if (_maxDf != 1.0)
        {
            parts.Add($"max_df={_maxDf}");
        }

        if (_maxFeatures is { } max)
        {
            parts.Add($"max_features={max}");
        }

        if (StopWords is { } stop)
        {
            parts.Add(ReferenceEquals(stop, Text.StopWords.English) ? "english stop words" : $"{stop.Count} stop words");
        }

        parts.AddRange(flags.Where(f => f is not null)!);
        return parts.Count == 0 ? name : $"{name}({string.Join(", ", parts)})";
    }

    /// <summary>Writes the analyzer and vocabulary settings.</summary>
    private protected void WriteVocabularyParameters(JsonState parameters)
    {
        WriteTextParameters(parameters);
        parameters
            .Set("min_df", _minDf.ToString())
            .Set("max_df", _maxDf.ToString())
            .Set("max_features", _maxFeatures is { } max ? max : null)
            .Set("binary", _binary)
            .Set("vocabulary", _vocabulary);
    }

    /// <summary>Restores what <see cref="WriteVocabularyParameters"/> wrote.</summary>
    private protected void ReadVocabularyParameters(StateReader parameters)
    {
        ReadTextParameters(parameters);
        _minDf = parameters.Parse("min_df", parameters.String("min_df"), CountOrFraction.Parse);
        _maxDf = parameters.Parse("max_df", parameters.String("max_df"), CountOrFraction.Parse);
        _maxFeatures = parameters.Has("max_features") ? parameters.Int32("max_features", 1) : null;
        _binary = parameters.Bool("binary");
        _vocabulary = parameters.Has("vocabulary") ? parameters.StringArray("vocabulary") : null;
    }
}
