using Workbench.Testing;

namespace Workbench.Kernel.Tests.Support;

/// <summary>Paths of the notebook fixtures under tests/fixtures/notebooks.</summary>
public static class Fixtures
{
    public static string Notebook(string name) => RepoPaths.Combine("tests", "fixtures", "notebooks", name);

    /// <summary>Runs nbformat.validate on a written notebook with Debian's Python; returns the validator's complaint or "ok".</summary>
    public static string Validate(string path) => Nbformat.Validate(path);
}
