using Workbench.Data;

namespace Workbench.Features;

/// <summary>A transform whose output is a frame of features; <c>Fit</c> returns the transform itself, typed.</summary>
/// <typeparam name="TSelf">The concrete transform.</typeparam>
public abstract class FrameTransform<TSelf> : FeatureTransform
    where TSelf : FrameTransform<TSelf>
{
    private protected FrameTransform()
    {
    }

    /// <summary>Learns from every column of <paramref name="frame"/> and returns this transform.</summary>
    public new TSelf Fit(Frame frame, Column? target = null) => (TSelf)base.Fit(frame, target);

    /// <summary>The transformed columns (named by <see cref="FeatureTransform.GetFeatureNamesOut"/>).</summary>
    public Frame Transform(Frame frame) => TransformFeatures(frame).Frame!;

    /// <summary>Fit, then transform the same frame.</summary>
    public Frame FitTransform(Frame frame, Column? target = null) => FitTransformFeatures(frame, target).Frame!;
}

/// <summary>A transform whose output is sparse (<see cref="SparseFeatures"/>); <c>Fit</c> returns the transform itself, typed.</summary>
/// <typeparam name="TSelf">The concrete transform.</typeparam>
public abstract class SparseTransform<TSelf> : FeatureTransform
    where TSelf : SparseTransform<TSelf>
{
    private protected SparseTransform()
    {
    }

    public override bool ProducesSparse => true;

    /// <summary>Learns from every column of <paramref name="frame"/> and returns this transform.</summary>
    public new TSelf Fit(Frame frame, Column? target = null) => (TSelf)base.Fit(frame, target);

    /// <summary>The transformed rows in compressed sparse row form, in double precision.</summary>
    public SparseFeatures Transform(Frame frame) => TransformFeatures(frame).Sparse!;

    /// <summary>Fit, then transform the same frame.</summary>
    public SparseFeatures FitTransform(Frame frame, Column? target = null) => FitTransformFeatures(frame, target).Sparse!;
}
