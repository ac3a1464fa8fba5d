namespace Workbench.Kernel.Notebooks;

/// <summary>Opens .ipynb and .dib notebooks by extension.</summary>
public static class NotebookFile
{
    public static NotebookDocument Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new NotebookFormatException($"{path} does not exist.");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => IpynbReader.Read(path),
            ".dib" => DibReader.Read(path),
            var other => throw new NotebookFormatException($"{path}: Workbench reads .ipynb and .dib notebooks, not '{other}'."),
        };
    }
}
