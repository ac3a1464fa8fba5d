using Workbench.Serving.Protocol;

namespace Workbench.Serving.Tests;

/// <summary>A test of the AVX-512 CSV reader: skipped, and counted as skipped, on a machine without AVX-512.</summary>
public sealed class Avx512FactAttribute : FactAttribute
{
    public Avx512FactAttribute()
    {
        if (!NumericCsvVectorReader.IsSupported)
        {
            Skip = "This machine has no AVX-512; the CSV short way reads row by row here (NumericCsvReaderTests covers it).";
        }
    }
}
