using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>
/// A Plotly figure: traces plus layout, serialised to the public figure JSON
/// (<c>application/vnd.plotly.v1+json</c>) by <see cref="ToJson"/>. A figure may be a grid of subplots
/// (<see cref="Subplots"/>); traces go to a cell with <see cref="Add(Trace, int, int)"/>.
/// </summary>
/// <example>
/// <code>
/// var figure = new Figure().WithTitle("Age at admission").WithXAxis("age (years)");
/// figure.Add(new HistogramTrace { X = ages, Bins = 30 });
/// string json = figure.ToJson();
/// </code>
/// </example>
public sealed class Figure
{
    /// <summary>Plotly's spacing defaults for subplot grids (as in plotly.py's make_subplots).</summary>
    private const double HorizontalSpacingTotal = 0.2;
    private const double VerticalSpacingTotal = 0.3;

    private readonly List<Trace> _traces = [];
    private readonly HashSet<int> _usedCells = [];
    private readonly Dictionary<int, Axis> _xAxes = [];
    private readonly Dictionary<int, Axis> _yAxes = [];
    private readonly IReadOnlyList<string>? _subplotTitles;

    /// <summary>A single plot.</summary>
    public Figure()
        : this(1, 1, null)
    {
    }

    private Figure(int rows, int columns, IReadOnlyList<string>? subplotTitles)
    {
        Rows = rows;
        Columns = columns;
        _subplotTitles = subplotTitles;
    }

    public Layout Layout { get; } = new();

    public IReadOnlyList<Trace> Traces => _traces;

    /// <summary>Rows of the subplot grid (1 for a single plot).</summary>
    public int Rows { get; }

    /// <summary>Columns of the subplot grid (1 for a single plot).</summary>
    public int Columns { get; }

    /// <summary>The height the figure wants when drawn: the layout's, or one that gives each subplot row room.</summary>
    public int SuggestedHeight => Layout.Height ?? Math.Max(420, 300 * Rows);

    /// <summary>
    /// A grid of subplots, row 1 at the top. Titles (optional) go over the cells in row-major order.
    /// With <paramref name="sharedX"/> / <paramref name="sharedY"/> every cell follows the first cell's range.
    /// </summary>
    public static Figure Subplots(int rows, int columns, IReadOnlyList<string>? titles = null, bool sharedX = false, bool sharedY = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (titles is not null && titles.Count > rows * columns)
        {
            throw new ArgumentException($"{titles.Count} subplot titles for a {rows} x {columns} grid.", nameof(titles));
        }

        var figure = new Figure(rows, columns, titles);
        for (var cell = 2; cell <= rows * columns; cell++)
        {
            figure._xAxes[cell] = new Axis { Matches = sharedX ? "x" : null };
            figure._yAxes[cell] = new Axis { Matches = sharedY ? "y" : null };
        }

        return figure;
    }

    /// <summary>Adds a trace to the first (or only) plot.</summary>
    public Figure Add(Trace trace) => Add(trace, 1, 1);

    /// <summary>Adds a trace to the subplot at <paramref name="row"/>, <paramref name="column"/> (both from 1).</summary>
    public Figure Add(Trace trace, int row, int column)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var cell = Cell(row, column);
        trace.XAxisId = AxisId("x", cell);
        trace.YAxisId = AxisId("y", cell);
        _traces.Add(trace);
        _usedCells.Add(cell);
        return this;
    }

    /// <summary>Adds several traces to the first plot.</summary>
    public Figure AddRange(IEnumerable<Trace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        foreach (var trace in traces)
        {
            Add(trace);
        }

        return this;
    }

    /// <summary>The x axis of a subplot (row and column from 1).</summary>
    public Axis XAxis(int row, int column)
    {
        var cell = Cell(row, column);
        return cell == 1 ? Layout.XAxis : _xAxes[cell];
    }

    /// <summary>The y axis of a subplot (row and column from 1).</summary>
    public Axis YAxis(int row, int column)
    {
        var cell = Cell(row, column);
        return cell == 1 ? Layout.YAxis : _yAxes[cell];
    }

    public Figure WithTitle(string? title)
    {
        Layout.Title = title;
        return this;
    }

    /// <summary>Titles and types the first plot's x axis (or every cell's, in a grid).</summary>
    public Figure WithXAxis(string? title = null, AxisType type = AxisType.Auto) => WithAxes(XAxis, title, type);

    /// <summary>Titles and types the first plot's y axis (or every cell's, in a grid).</summary>
    public Figure WithYAxis(string? title = null, AxisType type = AxisType.Auto) => WithAxes(YAxis, title, type);

    public Figure WithSize(int? width, int? height)
    {
        Layout.Width = width;
        Layout.Height = height;
        return this;
    }

    /// <summary>The figure as a JSON tree: <c>{"data": [...], "layout": {...}}</c> (data arrays are opaque nodes until serialized).</summary>
    internal JsonObject ToJsonNode()
    {
        var data = new JsonArray();
        foreach (var trace in _traces)
        {
            data.Add(trace.ToJsonNode());
        }

        var layout = Layout.ToJsonNode();
        if (Rows * Columns > 1)
        {
            WriteGrid(layout);
        }

        return new JsonObject { ["data"] = data, ["layout"] = layout };
    }

    /// <summary>Plotly figure JSON: invariant numbers, NaN and infinities as null.</summary>
    public string ToJson(bool indented = false) => PlotJson.Serialize(ToJsonNode(), indented);

    public override string ToString() => ToJson();

    private Figure WithAxes(Func<int, int, Axis> axisAt, string? title, AxisType type)
    {
        for (var row = 1; row <= Rows; row++)
        {
            for (var column = 1; column <= Columns; column++)
            {
                var axis = axisAt(row, column);
                axis.Title = title;
                axis.Type = type;
            }
        }

        return this;
    }

    private int Cell(int row, int column)
    {
        if (row < 1 || row > Rows || column < 1 || column > Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"cell ({row}, {column}) is outside this figure's {Rows} x {Columns} grid (rows and columns count from 1).");
        }

        return ((row - 1) * Columns) + column;
    }

    private static string AxisId(string letter, int cell) => cell == 1 ? letter : $"{letter}{cell}";

    private void WriteGrid(JsonObject layout)
    {
        var horizontalGap = Columns > 1 ? HorizontalSpacingTotal / Columns : 0;
        var verticalGap = Rows > 1 ? VerticalSpacingTotal / Rows : 0;
        var width = (1 - (horizontalGap * (Columns - 1))) / Columns;
        var height = (1 - (verticalGap * (Rows - 1))) / Rows;
        var annotations = layout["annotations"] as JsonArray ?? [];
        for (var row = 1; row <= Rows; row++)
        {
            for (var column = 1; column <= Columns; column++)
            {
                var cell = Cell(row, column);
                var xFrom = (column - 1) * (width + horizontalGap);
                var yTo = 1 - ((row - 1) * (height + verticalGap));
                var x = XAxis(row, column);
                var y = YAxis(row, column);
                x.Domain = (Round(xFrom), Round(xFrom + width));
                x.Anchor = AxisId("y", cell);
                y.Domain = (Round(yTo - height), Round(yTo));
                y.Anchor = AxisId("x", cell);
                // plotly.js drops (and Plotly.validate flags) the axes of an empty cell.
                if (_usedCells.Contains(cell))
                {
                    layout[cell == 1 ? "xaxis" : $"xaxis{cell}"] = x.ToJsonNode();
                    layout[cell == 1 ? "yaxis" : $"yaxis{cell}"] = y.ToJsonNode();
                }
                else if (cell == 1)
                {
                    layout.Remove("xaxis");
                    layout.Remove("yaxis");
                }

                if (_subplotTitles is not null && cell <= _subplotTitles.Count && !string.IsNullOrEmpty(_subplotTitles[cell - 1]))
                {
                    annotations.Add(new Annotation
                    {
                        Text = _subplotTitles[cell - 1],
                        X = Round(xFrom + (width / 2)),
                        Y = Round(yTo),
                        XAnchor = "center",
                        YAnchor = "bottom",
                        FontSize = 14,
                    }.ToJsonNode());
                }
            }
        }

        if (annotations.Count > 0)
        {
            layout["annotations"] = annotations;
        }
    }

    // Domains print as 0.45 rather than 0.44999999999999996.
    private static double Round(double value) => Math.Round(value, 10);
}
