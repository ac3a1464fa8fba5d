using System.Runtime.CompilerServices;
using Workbench.Data;
using Workbench.Monitoring.Columns;

namespace Workbench.Monitoring;

/// <summary>
/// While open, every column of the data being checked is parsed and sorted once, however many drift tests, quality
/// checks and windows read it (a full report reads each column four or five times). <see cref="ModelMonitor"/> opens
/// one per check; open one yourself around several <c>DataDrift.Detect</c> / <c>DataQuality.Check</c> calls on the
/// same frame. The columns must not change while the scope is open. The scope follows the async flow (Parallel.For
/// workers included) and is closed by disposing it.
/// </summary>
/// <example>
/// <code>
/// using (new ColumnReadScope())
/// {
///     var ks = DataDrift.Detect(baseline, batch, new DriftOptions { Method = DriftMethod.KolmogorovSmirnov });
///     var psi = DataDrift.Detect(baseline, batch, new DriftOptions { Method = DriftMethod.Psi });
///     var quality = DataQuality.Check(baseline, batch);
/// }
/// </code>
/// </example>
public sealed class ColumnReadScope : IDisposable
{
    private static readonly AsyncLocal<ColumnReadScope?> Active = new();

    private readonly ColumnReadScope? _outer;
    private readonly ConditionalWeakTable<Column, NumericValues> _numbers = new();
    private readonly ConditionalWeakTable<Column, LabelValues> _labels = new();
    private readonly ConditionalWeakTable<Column, LabelValues> _booleans = new();
    private bool _disposed;

    public ColumnReadScope()
    {
        _outer = Active.Value;
        Active.Value = this;
    }

    internal static ColumnReadScope? Current => Active.Value;

    internal NumericValues Numbers(Column column, Func<Column, NumericValues> read) =>
        _numbers.GetValue(column, c => read(c));

    internal LabelValues Labels(Column column, bool booleans, Func<Column, bool, LabelValues> read) =>
        (booleans ? _booleans : _labels).GetValue(column, c => read(c, booleans));

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Active.Value = _outer;
        }
    }
}
