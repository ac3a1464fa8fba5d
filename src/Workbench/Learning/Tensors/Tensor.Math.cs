using Workbench.Learning.Devices;

namespace Workbench.Learning.Tensors;

/// <summary>Allocating arithmetic for notebooks and glue code; layers use the backend's in-place kernels instead.</summary>
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Elementwise(BinaryOp.Add, a, b);

    public static Tensor operator -(Tensor a, Tensor b) => Elementwise(BinaryOp.Subtract, a, b);

    public static Tensor operator *(Tensor a, Tensor b) => Elementwise(BinaryOp.Multiply, a, b);

    public static Tensor operator /(Tensor a, Tensor b) => Elementwise(BinaryOp.Divide, a, b);

    public static Tensor operator +(Tensor a, float b) => a.Affine(1f, b);

    public static Tensor operator -(Tensor a, float b) => a.Affine(1f, -b);

    public static Tensor operator *(Tensor a, float b) => a.Affine(b, 0f);

    public static Tensor operator /(Tensor a, float b) => a.Affine(1f / b, 0f);

    public static Tensor operator *(float a, Tensor b) => b.Affine(a, 0f);

    public static Tensor operator -(Tensor a) => a.Map(UnaryOp.Negate);

    public Tensor Add(Tensor other) => this + other;

    public Tensor Subtract(Tensor other) => this - other;

    public Tensor Multiply(Tensor other) => this * other;

    public Tensor Divide(Tensor other) => this / other;

    public Tensor Maximum(Tensor other) => Elementwise(BinaryOp.Maximum, this, other);

    public Tensor Minimum(Tensor other) => Elementwise(BinaryOp.Minimum, this, other);

    public Tensor Exp() => Map(UnaryOp.Exp);

    public Tensor Log() => Map(UnaryOp.Log);

    public Tensor Sqrt() => Map(UnaryOp.Sqrt);

    public Tensor Abs() => Map(UnaryOp.Abs);

    public Tensor Square() => Map(UnaryOp.Square);

    public Tensor Relu() => Map(UnaryOp.Relu);

    public Tensor Gelu() => Map(UnaryOp.Gelu);

    public Tensor Tanh() => Map(UnaryOp.Tanh);

    public Tensor Sigmoid() => Map(UnaryOp.Sigmoid);

    public Tensor Clamp(float min, float max)
    {
        var result = Zeros(Device, _shape);
        Device.Backend.Clamp(this, min, max, result);
        return result;
    }

    /// <summary><c>this · scale + shift</c>, element-wise.</summary>
    public Tensor Affine(float scale, float shift)
    {
        var result = Zeros(Device, _shape);
        Device.Backend.Affine(this, scale, shift, result);
        return result;
    }

    /// <summary>Matrix product of two 2-D tensors (either may be a transposed view; nothing is copied).</summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireSameDevice(other);
        if (Rank != 2 || other.Rank != 2 || _shape[1] != other._shape[0])
        {
            throw new ArgumentException($"MatMul needs [m, k] x [k, n]; got {TensorShape.Format(_shape)} x {TensorShape.Format(other._shape)}.");
        }

        var result = Zeros(Device, _shape[0], other._shape[1]);
        Device.Backend.MatMul(this, other, result);
        return result;
    }

    /// <summary>Sum of all elements (computed in double, fixed order).</summary>
    public double Sum() => Device.Backend.Sum(this);

    public double Mean() => Count == 0 ? double.NaN : Sum() / Count;

    /// <summary>Euclidean (Frobenius) norm.</summary>
    public double Norm() => Math.Sqrt(Device.Backend.SumOfSquares(this));

    public Tensor Sum(int dimension, bool keepDimension = false) => Reduce(ReduceOp.Sum, dimension, keepDimension);

    public Tensor Mean(int dimension, bool keepDimension = false) => Reduce(ReduceOp.Mean, dimension, keepDimension);

    public Tensor Max(int dimension, bool keepDimension = false) => Reduce(ReduceOp.Max, dimension, keepDimension);

    public Tensor Min(int dimension, bool keepDimension = false) => Reduce(ReduceOp.Min, dimension, keepDimension);

    /// <summary>Index of the largest entry along the last dimension for each row of a 2-D tensor.</summary>
    public int[] ArgMax()
    {
        var matrix = Rank == 1 ? Reshape(1, -1) : Rank == 2 ? this : throw new InvalidOperationException($"ArgMax needs a 1-D or 2-D tensor; got {TensorShape.Format(_shape)}.");
        var result = new int[matrix.Rows];
        Device.Backend.ArgMaxRows(matrix, result);
        return result;
    }

    /// <summary>Softmax along the last dimension.</summary>
    public Tensor Softmax() => SoftmaxLast(log: false);

    public Tensor LogSoftmax() => SoftmaxLast(log: true);

    private static Tensor Elementwise(BinaryOp op, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a.RequireSameDevice(b);
        var shape = TensorShape.Broadcast(a._shape, b._shape);
        var result = Zeros(a.Device, shape);
        a.Device.Backend.Binary(op, a.Expand(shape), b.Expand(shape), result);
        return result;
    }

    private Tensor Map(UnaryOp op)
    {
        var result = Zeros(Device, _shape);
        Device.Backend.Unary(op, this, result);
        return result;
    }

    private Tensor Reduce(ReduceOp op, int dimension, bool keepDimension)
    {
        var d = NormalizeDimension(dimension);
        var order = Enumerable.Range(0, Rank).Where(i => i != d).Append(d).ToArray();
        var moved = Permute(order).Contiguous();
        var outerShape = order[..^1].Select(i => _shape[i]).ToArray();
        var result = Zeros(Device, outerShape);
        Device.Backend.ReduceLast(op, moved.Reshape(TensorShape.CountOf(outerShape), _shape[d]), result.Reshape(-1));
        if (!keepDimension)
        {
            return result;
        }

        var kept = (int[])_shape.Clone();
        kept[d] = 1;
        return result.Reshape(kept);
    }

    private Tensor SoftmaxLast(bool log)
    {
        var matrix = Contiguous().Reshape(-1, Math.Max(1, Columns));
        var result = Zeros(Device, matrix._shape);
        Device.Backend.Softmax(matrix, result, log);
        return result.Reshape(_shape);
    }
}
