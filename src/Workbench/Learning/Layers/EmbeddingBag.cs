using Workbench.Learning.Devices;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>
/// Sums or averages the embeddings of each bag of token ids (PyTorch's <c>EmbeddingBag</c>), the usual first
/// layer of a bag-of-words text model. Give it either a padded id tensor [N, L] (entries &lt; 0 are padding)
/// through <see cref="Forward"/>, so it composes in a <see cref="Sequential"/>, or ragged ids with offsets
/// through <see cref="ForwardBags"/>. Token ids are not differentiable: the input gradient is zero.
/// </summary>
public sealed class EmbeddingBag : Module
{
    private TensorStorage? _output;
    private int[]? _ids;
    private int[]? _offsets;
    private Tensor? _input;

    /// <summary>Embeddings start N(0, 1) (PyTorch's default) drawn from <paramref name="random"/> (default <see cref="DeterministicRandom.Shared"/>).</summary>
    public EmbeddingBag(int vocabularySize, int embeddingDimension, EmbeddingBagMode mode = EmbeddingBagMode.Mean, Initializer? initializer = null, DeterministicRandom? random = null, Device? device = null)
        : base(device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabularySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDimension);
        VocabularySize = vocabularySize;
        EmbeddingDimension = embeddingDimension;
        Mode = mode;
        Weight = new Parameter("weight", Tensor.Zeros(Device, vocabularySize, embeddingDimension));
        (initializer ?? Initializer.Normal()).Fill(Weight.Value, embeddingDimension, vocabularySize, random ?? DeterministicRandom.Shared);
    }

    public int VocabularySize { get; }

    public int EmbeddingDimension { get; }

    public EmbeddingBagMode Mode { get; }

    public Parameter Weight { get; }

    protected override string Summary => $"EmbeddingBag({VocabularySize}, {EmbeddingDimension}, mode={Mode.ToString().ToLowerInvariant()})";

    /// <summary>Bags from a padded [N, L] tensor of token ids; negative entries are padding and skipped.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2)
        {
            throw new ArgumentException($"EmbeddingBag expects padded token ids of shape [N, L]; got {TensorShape.Format(input.ShapeArray)}.", nameof(input));
        }

        var values = input.ToArray();
        var ids = new List<int>(values.Length);
        var offsets = new int[input.Rows + 1];
        for (var r = 0; r < input.Rows; r++)
        {
            for (var c = 0; c < input.Columns; c++)
            {
                var value = values[(r * input.Columns) + c];
                if (value < 0)
                {
                    continue;
                }

                if (value != MathF.Floor(value) || value >= VocabularySize)
                {
                    throw new ArgumentException($"Token id {value} at row {r}, position {c} is not an integer in 0..{VocabularySize - 1}.", nameof(input));
                }

                ids.Add((int)value);
            }

            offsets[r + 1] = ids.Count;
        }

        var output = ForwardBags([.. ids], offsets);
        _input = input;
        return output;
    }

    /// <summary>Bags from ragged ids: bag b holds <c>ids[offsets[b] .. offsets[b + 1])</c>; <paramref name="offsets"/> has one entry per bag plus the end.</summary>
    public Tensor ForwardBags(int[] ids, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(offsets);
        var output = Workspace(ref _output, Math.Max(0, offsets.Length - 1), EmbeddingDimension);
        Backend.EmbeddingBagForward(Weight.Value, ids, offsets, Mode, output);
        _ids = ids;
        _offsets = offsets;
        _input = null;
        return output;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var ids = RequireForward(_ids, "EmbeddingBag");
        if (Weight.RequiresGradient)
        {
            Backend.EmbeddingBagBackward(outputGradient, ids, _offsets!, Mode, Weight.Gradient);
        }

        return _input is null ? Tensor.Zeros(Device, 0, EmbeddingDimension) : Tensor.ZerosLike(_input);
    }

    protected override IEnumerable<Parameter> OwnParameters() => [Weight];
}
