using System.Globalization;
using System.Net;

namespace Workbench.Extension.Html;

/// <summary>Small, allocation-light helpers for writing HTML fragments safely.</summary>
public static class HtmlText
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Numbers the way a data scientist reads them: invariant culture, up to 6 significant digits.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsInfinity(value) ? (value > 0 ? "∞" : "-∞")
        : value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A unique element id for scripts that must address one output.</summary>
    public static string NewElementId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
