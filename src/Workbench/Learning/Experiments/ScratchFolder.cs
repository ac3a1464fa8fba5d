namespace Workbench.Learning.Experiments;

/// <summary>A private temporary folder for files on their way into or out of a store.</summary>
internal static class ScratchFolder
{
    public static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"wb-experiments-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; failing the caller's logging for it would not be.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
