using Workbench.Data.Plots;

namespace Workbench.Data.Profiling;

/// <summary>A symmetric matrix of correlations between named columns; NaN where undefined (a constant column, fewer than two common rows).</summary>
public sealed class CorrelationMatrix
{
    private readonly double[][] _values;
    private readonly Dictionary<string, int> _index;

    internal CorrelationMatrix(string method, IReadOnlyList<string> names, double[][] values)
    {
        Method = method;
        Names = names;
        _values = values;
        _index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }

    /// <summary><c>pearson</c> or <c>spearman</c>.</summary>
    public string Method { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The matrix, one array per row, in <see cref="Names"/> order.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Values => _values;

    public double this[string a, string b] => _values[Index(a)][Index(b)];

    public double this[int i, int j] => _values[i][j];

    /// <summary>Distinct pairs, strongest |r| first.</summary>
    public IEnumerable<(string A, string B, double R)> Pairs()
    {
        var pairs = new List<(string, string, double)>();
        for (var i = 0; i < Names.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (!double.IsNaN(_values[i][j]))
                {
                    pairs.Add((Names[j], Names[i], _values[i][j]));
                }
            }
        }

        return pairs.OrderByDescending(p => Math.Abs(p.Item3)).ThenBy(p => p.Item1, StringComparer.Ordinal);
    }

    /// <summary>The matrix as a frame: a <c>column</c> column, then one float64 column per name.</summary>
    public Frame ToFrame()
    {
        var frame = new Frame(new StringColumn("column", Names.ToArray()));
        for (var j = 0; j < Names.Count; j++)
        {
            frame.Add(new DoubleColumn(Names[j], _values.Select(row => row[j]).ToArray()));
        }

        return frame;
    }

    /// <summary>The matrix as a Plotly heatmap on [-1, 1].</summary>
    public Figure ToFigure(string? title = null) => Plot.Correlation(_values, Names, title ?? $"{char.ToUpperInvariant(Method[0])}{Method[1..]} correlation");

    private int Index(string name) => _index.TryGetValue(name, out var i) ? i : throw new ColumnNotFoundException(name, _index.Keys);
}
