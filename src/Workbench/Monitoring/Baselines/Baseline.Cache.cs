using Workbench.Monitoring.Columns;

namespace Workbench.Monitoring.Baselines;

public sealed partial class Baseline
{
    private ReferenceColumns? _referenceColumns;

    /// <summary>The reference values as the drift tests read them, built on first use and kept.</summary>
    internal ReferenceColumns ReferenceValues => _referenceColumns ??= new ReferenceColumns(this);
}
