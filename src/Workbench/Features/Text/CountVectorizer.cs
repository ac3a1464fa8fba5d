using Workbench.Data;
using Workbench.Features.Persistence;

namespace Workbench.Features.Text;

/// <summary>
/// Term counts per document, as scikit-learn 1.2's <c>CountVectorizer</c> (word analyzer): a vocabulary learnt from
/// the documents and sorted alphabetically, pruned by document frequency (<c>MinDf</c>, <c>MaxDf</c> as
/// counts or fractions) and capped at the <c>MaxFeatures</c> most frequent terms; features named
/// <c>column:term</c> (<c>chief_complaint:chest pain</c>). Output is sparse.
/// </summary>
/// <remarks>
/// As in scikit-learn, <c>Binary</c> turns counts into 1 before the <c>MaxFeatures</c> cut (so the cut
/// then ranks by document frequency), and the cut ranks terms by total count. Where terms tie at the cut, the one
/// earlier in alphabetical order is kept (scikit-learn's order among ties depends on numpy's sort and is not stable
/// for more than 16 terms). Terms are sorted by ordinal (UTF-16) order, which is Python's code-point order outside
/// characters beyond the Basic Multilingual Plane.
/// </remarks>
public sealed class CountVectorizer : VocabularyVectorizer<CountVectorizer>
{
    private string[] _vocabulary = [];
    private Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private string[] _names = [];

    public override string Kind => "count_vectorizer";

    /// <summary>The terms, in feature order.</summary>
    public IReadOnlyList<string> VocabularyOut => IsFitted ? _vocabulary : throw NotFitted(nameof(VocabularyOut));

    public override string Describe() => DescribeVocabulary("CountVectorizer", Binary ? "binary" : null);

    private protected override void FitCore(Frame frame, Column? target) => FitCounts(Documents(frame));

    private protected override FeatureOutput FitTransformCore(Frame frame, Column? target)
    {
        var documents = Documents(frame);
        var vectors = FitCounts(documents);
        return FeatureOutput.Sparsely(Rows(documents.Codes, vectors, _names));
    }

    private protected override FeatureOutput TransformCore(Frame frame)
    {
        var documents = Documents(frame);
        return FeatureOutput.Sparsely(Rows(documents.Codes, CountDocuments(documents.Texts), _names));
    }

    private protected override IReadOnlyList<string> FeatureNamesOutCore() => _names;

    internal override void WriteState(JsonState parameters, JsonState state)
    {
        WriteVocabularyParameters(parameters);
        state.Set("vocabulary", _vocabulary);
    }

    internal static CountVectorizer Create(StateReader parameters)
    {
        var vectorizer = new CountVectorizer();
        vectorizer.ReadVocabularyParameters(parameters);
        return vectorizer;
    }

    internal override void ReadState(StateReader state) => SetVocabulary(state.StringArray("vocabulary"), state);

    /// <summary>
    /// Learns the vocabulary (or takes the fixed one) and returns each distinct document's counts over it, as
    /// scikit-learn's <c>_count_vocab</c>, <c>_sort_features</c> and <c>_limit_features</c> do.
    /// </summary>
    internal (int[] Indices, double[] Values)[] FitCounts(Labels documents)
    {
        if (Vocabulary is { } fixedTerms)
        {
            SetVocabulary([.. fixedTerms], null);
            return CountDocuments(documents.Texts);
        }

        if (MaxFeatures is < 1)
        {
            throw new ArgumentException($"{Name}: MaxFeatures must be at least 1, got {MaxFeatures}.");
        }

        // Each distinct document analyzed once; term ids in order of first appearance.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new List<string>();
        var vectors = new (int[] Indices, double[] Values)[documents.Texts.Length];
        for (var k = 0; k < vectors.Length; k++)
        {
            var counts = new Dictionary<int, double>();
            foreach (var term in Tokenizer.Analyze(documents.Texts[k]))
            {
                if (!ids.TryGetValue(term, out var id))
                {
                    id = terms.Count;
                    ids.Add(term, id);
                    terms.Add(term);
                }

                counts[id] = counts.GetValueOrDefault(id) + 1;
            }

            vectors[k] = (counts.Keys.ToArray(), counts.Values.Select(v => Binary ? 1.0 : v).ToArray());
        }

        if (terms.Count == 0)
        {
            throw new ArgumentException($"{Name}: the vocabulary of column '{TextColumn}' is empty; perhaps the documents only contain stop words.");
        }

        // Document frequency and total count per term, weighting each distinct document by its rows.
        var rowsPerDocument = documents.Counts();
        var df = new double[terms.Count];
        var tf = new double[terms.Count];
        for (var k = 0; k < vectors.Length; k++)
        {
            var rows = rowsPerDocument[k];
            var (indices, values) = vectors[k];
            for (var j = 0; j < indices.Length; j++)
            {
                df[indices[j]] += rows;
                tf[indices[j]] += rows * values[j];
            }
        }

        var documentCount = documents.Codes.Length;
        var maxCount = MaxDf.Resolve(documentCount);
        var minCount = MinDf.Resolve(documentCount);
        if (maxCount < minCount)
        {
            throw new ArgumentException($"{Name}: MaxDf ({MaxDf}) corresponds to fewer documents than MinDf ({MinDf}) for {documentCount} documents.");
        }

        var sorted = Enumerable.Range(0, terms.Count).ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(terms[a], terms[b]));
        var kept = sorted.Where(id => df[id] <= maxCount && df[id] >= minCount).ToArray();
        if (MaxFeatures is { } limit && kept.Length > limit)
        {
            // Highest total count first; ties keep alphabetical order (a stable sort over the sorted terms).
            var top = kept.OrderByDescending(id => tf[id]).Take(limit).ToHashSet();
            kept = kept.Where(top.Contains).ToArray();
        }

        if (kept.Length == 0)
        {
            throw new ArgumentException($"{Name}: after pruning, no terms of column '{TextColumn}' remain; try a lower MinDf or a higher MaxDf.");
        }

        var newIndex = new int[terms.Count];
        Array.Fill(newIndex, -1);
        for (var i = 0; i < kept.Length; i++)
        {
            newIndex[kept[i]] = i;
        }

        SetVocabulary(kept.Select(id => terms[id]).ToArray(), null);
        return vectors.Select(v => Remap(v, newIndex)).ToArray();
    }

    /// <summary>Each document's counts over the fitted vocabulary.</summary>
    internal (int[] Indices, double[] Values)[] CountDocuments(string[] texts)
    {
        var vectors = new (int[] Indices, double[] Values)[texts.Length];
        for (var k = 0; k < texts.Length; k++)
        {
            var counts = new SortedDictionary<int, double>();
            foreach (var term in Tokenizer.Analyze(texts[k]))
            {
                if (_index.TryGetValue(term, out var index))
                {
                    counts[index] = Binary ? 1 : counts.GetValueOrDefault(index) + 1;
                }
            }

            vectors[k] = (counts.Keys.ToArray(), counts.Values.ToArray());
        }

        return vectors;
    }

    private static (int[] Indices, double[] Values) Remap((int[] Indices, double[] Values) vector, int[] newIndex)
    {
        var pairs = vector.Indices.Select((id, j) => (Index: newIndex[id], Value: vector.Values[j])).Where(p => p.Index >= 0).OrderBy(p => p.Index).ToArray();
        return (pairs.Select(p => p.Index).ToArray(), pairs.Select(p => p.Value).ToArray());
    }

    private void SetVocabulary(string[] vocabulary, StateReader? state)
    {
        var index = new Dictionary<string, int>(vocabulary.Length, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++)
        {
            if (!index.TryAdd(vocabulary[i], i))
            {
                var message = $"the vocabulary lists '{vocabulary[i]}' twice";
                throw state is not null ? state.Fail("vocabulary", message) : new ArgumentException($"{Name}: {message}.");
            }
        }

        if (vocabulary.Length == 0)
        {
            throw state is not null ? state.Fail("vocabulary", "the vocabulary is empty") : new ArgumentException($"{Name}: the vocabulary is empty.");
        }

        _vocabulary = vocabulary;
        _index = index;
        _names = vocabulary.Select(t => $"{TextColumn}:{t}").ToArray();
    }
}
