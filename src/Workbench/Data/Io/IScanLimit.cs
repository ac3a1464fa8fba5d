namespace Workbench.Data.Io;

/// <summary>How a byte scan is kept inside its span (see <see cref="FieldParser.TryParsePlainNumber{TLimit}"/>).</summary>
internal interface IScanLimit
{
    /// <summary>Whether index <paramref name="i"/> may be read from a span of <paramref name="length"/> bytes.</summary>
    static abstract bool Inside(int i, int length);
}

/// <summary>Every index is checked against the span's length.</summary>
internal readonly struct WithinSpan : IScanLimit
{
    public static bool Inside(int i, int length) => (uint)i < (uint)length;
}

/// <summary>
/// No index is checked: the caller guarantees that the scan starts inside the span and that the span's last byte stops
/// every scan (a line feed ending a CSV body, a closing bracket ending JSON rows).
/// </summary>
internal readonly struct EndsWithDelimiter : IScanLimit
{
    public static bool Inside(int i, int length) => true;
}
