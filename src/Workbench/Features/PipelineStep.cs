namespace Workbench.Features;

/// <summary>One step of a <see cref="FeaturePipeline"/>: the columns it takes and the chain of transforms they go through (none: passed through).</summary>
public sealed class PipelineStep
{
    internal PipelineStep(string name, ColumnSelector selector, IReadOnlyList<FeatureTransform> transforms, bool isRemainder = false)
    {
        Name = name;
        Selector = selector;
        Transforms = transforms;
        IsRemainder = isRemainder;
    }

    public string Name { get; }

    public ColumnSelector Selector { get; }

    /// <summary>Applied in order; the output of each is the input of the next.</summary>
    public IReadOnlyList<FeatureTransform> Transforms { get; }

    /// <summary>The step the pipeline adds for unselected columns under <see cref="RemainderPolicy.Passthrough"/>.</summary>
    public bool IsRemainder { get; }

    /// <summary>Numeric columns go into the matrix unchanged.</summary>
    public bool IsPassthrough => Transforms.Count == 0;

    /// <summary>Whether the step's output is sparse (it ends with a text vectorizer or hasher).</summary>
    public bool ProducesSparse => Transforms.Count > 0 && Transforms[^1].ProducesSparse;

    /// <summary>The columns the step took at fit time (empty before).</summary>
    public IReadOnlyList<string> Columns { get; internal set; } = [];

    /// <summary>The step's output feature names (empty before fit).</summary>
    public IReadOnlyList<string> FeatureNames { get; internal set; } = [];

    /// <summary>"SimpleImputer(median) → StandardScaler", or "passthrough".</summary>
    public string Describe() => IsPassthrough ? "passthrough" : string.Join(" → ", Transforms.Select(t => t.Describe()));

    public override string ToString() => $"{Name}: {Selector.Describe()} → {Describe()}";
}

/// <summary>What a <see cref="FeaturePipeline"/> does with columns no step selects (scikit-learn's <c>remainder</c>).</summary>
public enum RemainderPolicy
{
    /// <summary>Leave them out of the matrix.</summary>
    Drop,

    /// <summary>Put them into the matrix unchanged (they must be numeric or boolean).</summary>
    Passthrough,
}

/// <summary>Whether a <see cref="FeaturePipeline"/> produces a dense or a sparse matrix.</summary>
public enum MatrixOutput
{
    /// <summary>Sparse when a step produces sparse output and the whole matrix's density is below <see cref="FeaturePipeline.SparseThreshold"/>; dense otherwise.</summary>
    Auto,

    /// <summary>Always dense.</summary>
    Dense,

    /// <summary>Always compressed sparse rows.</summary>
    Sparse,
}
