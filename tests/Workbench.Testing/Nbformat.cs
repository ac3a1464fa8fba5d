namespace Workbench.Testing;

/// <summary>Jupyter's own notebook validator (Debian's python3-nbformat), for checking notebooks we write.</summary>
public static class Nbformat
{
    /// <summary>Runs nbformat.validate on the file as written; returns "ok", or fails with the validator's complaint.</summary>
    public static string Validate(string path) => PythonPeer.Run(
        "import nbformat, sys\nnb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)\nnbformat.validate(nb)\nprint('ok')",
        [path]).Trim();
}
