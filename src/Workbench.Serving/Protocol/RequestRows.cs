using Workbench.Data;
using Workbench.Features;

namespace Workbench.Serving.Protocol;

/// <summary>
/// A request's rows, read and validated, as a model bundle takes them (see <see cref="RequestReader.ReadRows"/>): the
/// model's input matrix when the body took the short numeric way, else the frame for the feature pipeline.
/// </summary>
public readonly record struct RequestRows
{
    internal RequestRows(Frame frame) => Frame = frame;

    internal RequestRows(FeatureMatrix features) => Features = features;

    /// <summary>The validated frame, when the body was read the general way.</summary>
    public Frame? Frame { get; }

    /// <summary>The model's input (the feature pipeline already applied), when the body took the short way.</summary>
    public FeatureMatrix? Features { get; }

    public int Count => Features?.Rows ?? Frame?.RowCount ?? 0;
}
