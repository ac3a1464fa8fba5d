namespace Workbench.Data.Splits;

/// <summary>Row indices of a train / validation / test split (each ascending; validation may be empty).</summary>
public sealed record SplitIndices(int[] Train, int[] Validation, int[] Test)
{
    /// <summary>The three parts as frames.</summary>
    public (Frame Train, Frame Validation, Frame Test) Apply(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return (frame.Take(Train), frame.Take(Validation), frame.Take(Test));
    }

    public override string ToString() => $"train {Train.Length}, validation {Validation.Length}, test {Test.Length} rows";
}

/// <summary>One fold of a cross-validation: the rows to fit on and the rows held out (both ascending).</summary>
public sealed record Fold(int Index, int[] Train, int[] Test)
{
    public (Frame Train, Frame Test) Apply(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return (frame.Take(Train), frame.Take(Test));
    }

    public override string ToString() => $"fold {Index}: train {Train.Length}, test {Test.Length} rows";
}
