using Workbench.Data.Splits;

namespace Workbench.Data;

public sealed partial class Frame
{
    /// <summary>A random train / test split (stratified by a label or grouped by a key when named), the same for the same seed.</summary>
    public (Frame Train, Frame Test) TrainTestSplit(double test, int seed, string? stratify = null, string? group = null)
    {
        var (train, _, held) = DataSplit.TrainTest(this, test, seed, stratify, group).Apply(this);
        return (train, held);
    }

    /// <summary>A random train / validation / test split (see <see cref="DataSplit"/>).</summary>
    public (Frame Train, Frame Validation, Frame Test) TrainValidationTestSplit(double validation, double test, int seed, string? stratify = null, string? group = null) =>
        DataSplit.TrainValidationTest(this, validation, test, seed, stratify, group).Apply(this);
}
