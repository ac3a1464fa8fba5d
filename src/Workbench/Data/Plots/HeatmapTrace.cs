using System.Text.Json.Nodes;

namespace Workbench.Data.Plots;

/// <summary>A matrix of colours: correlation matrices, confusion matrices, missing-value maps.</summary>
public sealed class HeatmapTrace : Trace
{
    private double[][] _z = [];

    public override string Type => "heatmap";

    /// <summary>The values, one array per row (row 0 is drawn at the bottom unless the y axis is reversed). NaN is a blank cell.</summary>
    public double[][] Z
    {
        get => _z;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(row => row is null))
            {
                throw new ArgumentException("a heatmap row is null.", nameof(value));
            }

            _z = value;
        }
    }

    /// <summary>Column labels (or numbers).</summary>
    public PlotValues? X { get; set; }

    /// <summary>Row labels (or numbers).</summary>
    public PlotValues? Y { get; set; }

    /// <summary>A Plotly colour scale name, e.g. <c>RdBu</c> for correlations, <c>Blues</c> for counts.</summary>
    public string? ColorScale { get; set; }

    public bool? ReverseScale { get; set; }

    public double? ZMin { get; set; }

    public double? ZMax { get; set; }

    /// <summary>The value at the middle of a diverging scale (0 for correlations).</summary>
    public double? ZMid { get; set; }

    public bool? ShowScale { get; set; }

    public string? ColorBarTitle { get; set; }

    /// <summary>A d3 format for the value written in each cell, e.g. <c>.2f</c>; null writes no values.</summary>
    public string? CellValueFormat { get; set; }

    /// <summary>The Z values as a row-major matrix.</summary>
    public static double[][] Rows(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = new double[matrix.GetLength(0)][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new double[matrix.GetLength(1)];
            for (var c = 0; c < rows[r].Length; c++)
            {
                rows[r][c] = matrix[r, c];
            }
        }

        return rows;
    }

    protected override void WriteTraceProperties(JsonObject node)
    {
        if (X is not null && _z.Any(row => row.Length != X.Length))
        {
            throw new InvalidOperationException($"the heatmap has {X.Length} column labels but a row of Z has {_z.First(row => row.Length != X.Length).Length} values.");
        }

        if (Y is not null && Y.Length != _z.Length)
        {
            throw new InvalidOperationException($"the heatmap has {Y.Length} row labels but Z has {_z.Length} rows.");
        }

        var z = new JsonArray();
        foreach (var row in _z)
        {
            z.Add(PlotJson.Array(row));
        }

        node["z"] = z;
        Put(node, "x", X);
        Put(node, "y", Y);
        Put(node, "colorscale", ColorScale);
        Put(node, "reversescale", ReverseScale);
        Put(node, "zmin", ZMin);
        Put(node, "zmax", ZMax);
        Put(node, "zmid", ZMid);
        Put(node, "showscale", ShowScale);
        if (ColorBarTitle is not null)
        {
            node["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = ColorBarTitle } };
        }

        if (CellValueFormat is not null)
        {
            node["texttemplate"] = $"%{{z:{CellValueFormat}}}";
        }
    }
}
