using Workbench.Data;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Devices;

/// <summary>
/// Every kernel a model, layer, loss or optimizer needs, expressed on tensors so the storage type stays private
/// to the backend. The CPU backend implements it with SIMD and a blocked SGEMM; a CUDA backend implements the
/// same members with cuBLAS and NVRTC kernels (docs/learning-devices.md lists what each member must guarantee).
/// </summary>
/// <remarks>
/// Conventions: outputs are preallocated by the caller and have the documented shape; "accumulates" means the
/// result is added to what the output holds (gradients), otherwise the output is overwritten. Unless a member
/// says otherwise, inputs may be any strided view and outputs must be contiguous. Scalar results (losses,
/// norms) come back to the host as <see cref="double"/>. Integer inputs (class ids, token ids) are host spans:
/// a device backend uploads them. Reductions run in a fixed order so results do not depend on thread count.
/// </remarks>
public interface IComputeBackend
{
    /// <summary>A short name, for example <c>cpu (AVX-512, 2 threads, OpenBLAS)</c>.</summary>
    string Description { get; }

    /// <summary>Zero-filled storage for <paramref name="length"/> floats.</summary>
    TensorStorage Allocate(int length);

    /// <summary>Storage holding a copy of <paramref name="values"/>.</summary>
    TensorStorage Upload(ReadOnlySpan<float> values);

    /// <summary>Copies <paramref name="source"/> (any strides) to the host in row-major order.</summary>
    void Download(Tensor source, Span<float> destination);

    /// <summary>Copies between tensors of the same shape (any strides on the source).</summary>
    void Copy(Tensor source, Tensor destination);

    void Fill(Tensor destination, float value);

    /// <summary>Copies the rows <paramref name="rows"/> of a 2-D <paramref name="source"/> into <paramref name="destination"/> in that order (minibatches).</summary>
    void GatherRows(Tensor source, ReadOnlySpan<int> rows, Tensor destination);

    /// <summary>
    /// <c>c = alpha · a · b + beta · c</c> for 2-D tensors. <paramref name="a"/> and <paramref name="b"/> may be
    /// transposed views (<see cref="Tensor.T"/>); the backend reads them in place. With <paramref name="beta"/> = 0
    /// the old contents of <paramref name="c"/> are never read (NaNs there do not leak).
    /// </summary>
    void MatMul(Tensor a, Tensor b, Tensor c, float alpha = 1f, float beta = 0f);

    /// <summary><c>c = a · b + beta · c</c> with <paramref name="a"/> a CSR matrix (rows x k) and <paramref name="b"/> dense (k x n).</summary>
    void SparseMatMul(SparseMatrix a, Tensor b, Tensor c, float beta = 0f);

    /// <summary><c>c = aᵀ · b + beta · c</c> with <paramref name="a"/> CSR (rows x k), <paramref name="b"/> dense (rows x n), <paramref name="c"/> (k x n).</summary>
    void SparseTransposedMatMul(SparseMatrix a, Tensor b, Tensor c, float beta = 0f);

    /// <summary>Element-wise <c>result = op(x)</c>; <paramref name="result"/> may be <paramref name="x"/>.</summary>
    void Unary(UnaryOp op, Tensor x, Tensor result);

    /// <summary>
    /// Element-wise <c>result = a op b</c> where <paramref name="a"/> and <paramref name="b"/> already have
    /// <paramref name="result"/>'s shape, broadcast dimensions having stride 0.
    /// </summary>
    void Binary(BinaryOp op, Tensor a, Tensor b, Tensor result);

    /// <summary><c>result = x · scale + shift</c>.</summary>
    void Affine(Tensor x, float scale, float shift, Tensor result);

    /// <summary><c>y += alpha · x</c> (same shape).</summary>
    void Axpy(float alpha, Tensor x, Tensor y);

    void Clamp(Tensor x, float min, float max, Tensor result);

    /// <summary>Adds the vector <paramref name="row"/> (length = columns) to every row of the 2-D <paramref name="matrix"/>, in place.</summary>
    void AddRowVector(Tensor matrix, Tensor row);

    /// <summary><c>result = Σ_rows matrix + beta · result</c>: the column sums of a 2-D tensor (bias gradients).</summary>
    void SumRows(Tensor matrix, Tensor result, float beta = 0f);

    /// <summary>Reduces the last dimension of <paramref name="x"/> (viewed as [outer, n]) into <paramref name="result"/> [outer].</summary>
    void ReduceLast(ReduceOp op, Tensor x, Tensor result);

    /// <summary>Index of the largest element of each row of a 2-D tensor (first one on ties, like NumPy).</summary>
    void ArgMaxRows(Tensor x, Span<int> result);

    /// <summary>Sum of all elements, in double, in a fixed order.</summary>
    double Sum(Tensor x);

    /// <summary>Sum of squares of all elements, in double, in a fixed order (gradient norms).</summary>
    double SumOfSquares(Tensor x);

    /// <summary>Row-wise softmax (log-softmax when <paramref name="log"/>) of a 2-D tensor, numerically stable.</summary>
    void Softmax(Tensor x, Tensor result, bool log = false);

    void ActivationForward(Activation activation, Tensor x, Tensor y);

    /// <summary><c>dx = dy · f'(x)</c>; <paramref name="y"/> is the forward output (sigmoid and tanh use it). May overwrite <paramref name="dy"/> when it is <paramref name="dx"/>.</summary>
    void ActivationBackward(Activation activation, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /// <summary>
    /// Inverted dropout: keeps each element with probability 1 − <paramref name="p"/>, scaling kept ones by
    /// 1 / (1 − p), and writes the scaled mask to <paramref name="mask"/>. The mask is a pure function of
    /// (<paramref name="seed"/>, <paramref name="stream"/>, element index), so every backend draws the same mask.
    /// </summary>
    void DropoutForward(Tensor x, Tensor y, Tensor mask, float p, ulong seed, ulong stream);

    /// <summary>Normalises each row of <paramref name="x"/> [N, D]: writes y, and per-row mean and 1/std for backward.</summary>
    void LayerNormForward(Tensor x, Tensor gamma, Tensor beta, float epsilon, Tensor y, Tensor mean, Tensor inverseStd);

    /// <summary>Writes dx; accumulates dgamma and dbeta.</summary>
    void LayerNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor dx, Tensor dgamma, Tensor dbeta);

    /// <summary>
    /// Batch statistics per column of x [N, D]: writes y, the batch mean and 1/std, and updates the running mean
    /// and the running (unbiased) variance with <paramref name="momentum"/>, PyTorch's convention.
    /// </summary>
    void BatchNormForwardTraining(Tensor x, Tensor gamma, Tensor beta, float epsilon, float momentum, Tensor runningMean, Tensor runningVariance, Tensor y, Tensor mean, Tensor inverseStd);

    void BatchNormForwardInference(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVariance, float epsilon, Tensor y);

    /// <summary>Writes dx; accumulates dgamma and dbeta.</summary>
    void BatchNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor inverseStd, Tensor dx, Tensor dgamma, Tensor dbeta);

    /// <summary>
    /// Bag b sums (or averages) rows <c>weight[ids[offsets[b] .. offsets[b+1])]</c> into <c>output[b]</c>;
    /// <paramref name="offsets"/> has one entry per bag plus the end. An empty bag gives zeros.
    /// </summary>
    void EmbeddingBagForward(Tensor weight, ReadOnlySpan<int> ids, ReadOnlySpan<int> offsets, EmbeddingBagMode mode, Tensor output);

    /// <summary>Accumulates the gradient of <see cref="EmbeddingBagForward"/> into <paramref name="weightGradient"/>.</summary>
    void EmbeddingBagBackward(Tensor outputGradient, ReadOnlySpan<int> ids, ReadOnlySpan<int> offsets, EmbeddingBagMode mode, Tensor weightGradient);

    /// <summary>
    /// Mean softmax cross-entropy of logits [N, C] against class ids, PyTorch's <c>CrossEntropyLoss</c>
    /// semantics for <paramref name="classWeights"/> (the mean divides by Σ w[target]) and
    /// <paramref name="labelSmoothing"/>. Writes the gradient of that mean when <paramref name="gradient"/> is given.
    /// </summary>
    double SoftmaxCrossEntropy(Tensor logits, ReadOnlySpan<int> targets, Tensor? classWeights, float labelSmoothing, Tensor? gradient);

    /// <summary>Mean binary cross-entropy on logits, PyTorch's <c>BCEWithLogitsLoss</c> (optional <paramref name="positiveWeight"/> per column).</summary>
    double BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Tensor? positiveWeight, Tensor? gradient);

    double MeanSquaredError(Tensor predictions, Tensor targets, Tensor? gradient);

    /// <summary>Mean Huber loss: ½d² when |d| &lt; δ, else δ(|d| − ½δ).</summary>
    double Huber(Tensor predictions, Tensor targets, float delta, Tensor? gradient);

    /// <summary>One SGD step in PyTorch's formulation (weight decay added to the gradient, momentum buffer, Nesterov).</summary>
    void SgdStep(Tensor parameter, Tensor gradient, Tensor? velocity, in SgdStepOptions options);

    /// <summary>One Adam (or AdamW when decoupled) step with bias correction for step <c>options.Step</c> (from 1).</summary>
    void AdamStep(Tensor parameter, Tensor gradient, Tensor firstMoment, Tensor secondMoment, in AdamStepOptions options);
}
