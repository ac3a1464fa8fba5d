using Workbench.Data;
using Workbench.Learning.Devices;

namespace Workbench.Learning.Estimators;

/// <summary>Checks shared by estimators: fitted state, feature counts and names at predict time, label counts.</summary>
internal static class FeatureCheck
{
    /// <summary>Threads for estimator loops: those of the process-wide CPU backend.</summary>
    public static int Threads => ((CpuBackend)Device.Cpu.Backend).Threads;

    public static T Fitted<T>(T? value, string estimator)
        where T : class =>
        value ?? throw new InvalidOperationException($"This {estimator} is not fitted yet; call Fit first.");

    /// <summary>Same number of columns as at fit time and, when both sides carry real names, the same names in the same order.</summary>
    public static void Columns(IReadOnlyList<string> fitted, int columns, IReadOnlyList<string> names, string estimator)
    {
        if (columns != fitted.Count)
        {
            throw new ArgumentException($"{estimator} was fitted on {fitted.Count} features but got {columns}.");
        }

        if (IsDefault(fitted) || IsDefault(names))
        {
            return;
        }

        for (var i = 0; i < columns; i++)
        {
            if (!string.Equals(fitted[i], names[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"{estimator}: feature {i} is '{names[i]}' but the model was fitted with '{fitted[i]}' there; reorder the columns to match.");
            }
        }
    }

    public static void Rows(int features, int labels)
    {
        if (features != labels)
        {
            throw new ArgumentException($"The feature matrix has {features} rows but there are {labels} labels.");
        }

        if (features == 0)
        {
            throw new ArgumentException("Cannot fit on an empty matrix.");
        }
    }

    public static void Columns(DenseMatrix x, IReadOnlyList<string> fitted, string estimator) => Columns(fitted, x.Columns, x.ColumnNames, estimator);

    /// <summary>Whether the names are the placeholders x0, x1, … of a matrix built without names (compared without making them).</summary>
    private static bool IsDefault(IReadOnlyList<string> names)
    {
        Span<char> placeholder = stackalloc char[12];
        placeholder[0] = 'x';
        for (var i = 0; i < names.Count; i++)
        {
            i.TryFormat(placeholder[1..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
            if (!names[i].AsSpan().SequenceEqual(placeholder[..(digits + 1)]))
            {
                return false;
            }
        }

        return true;
    }
}
