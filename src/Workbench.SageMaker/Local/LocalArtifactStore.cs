using Workbench.SageMaker.Storage;

namespace Workbench.SageMaker.Local;

/// <summary>The local backend's artifact store: files under <see cref="LocalPaths"/>, copied through a temporary file then renamed.</summary>
public sealed class LocalArtifactStore(LocalPaths paths) : IArtifactStore
{
    public Task<string> UploadFileAsync(string localPath, string destinationUri, CancellationToken cancellationToken = default)
    {
        var uri = destinationUri.EndsWith('/') ? destinationUri + Path.GetFileName(localPath) : destinationUri;
        CopyFile(localPath, paths.Resolve(uri));
        return Task.FromResult(uri);
    }

    public Task<IReadOnlyList<string>> UploadDirectoryAsync(string localDirectory, string destinationPrefixUri, CancellationToken cancellationToken = default)
    {
        var uris = new List<string>();
        foreach (var file in Directory.EnumerateFiles(localDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(localDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
            var uri = LocalPaths.Child(destinationPrefixUri, relative);
            CopyFile(file, paths.Resolve(uri));
            uris.Add(uri);
        }

        return Task.FromResult<IReadOnlyList<string>>(uris);
    }

    public Task DownloadFileAsync(string sourceUri, string localPath, CancellationToken cancellationToken = default)
    {
        CopyFile(paths.Resolve(sourceUri), localPath);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> DownloadPrefixAsync(string sourcePrefixUri, string localDirectory, CancellationToken cancellationToken = default)
    {
        var source = paths.Resolve(sourcePrefixUri);
        var files = new List<string>();
        if (File.Exists(source))
        {
            var target = Path.Combine(localDirectory, Path.GetFileName(source));
            CopyFile(source, target);
            files.Add(target);
        }
        else if (Directory.Exists(source))
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = Path.Combine(localDirectory, Path.GetRelativePath(source, file));
                CopyFile(file, target);
                files.Add(target);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(files);
    }

    public Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default)
    {
        var path = paths.Resolve(uri);
        return Task.FromResult(File.Exists(path) || Directory.Exists(path));
    }

    internal static void CopyFile(string source, string target)
    {
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"{source} does not exist.", source);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var temp = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            File.Copy(source, temp);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Copies a file or a folder's files into <paramref name="targetDirectory"/>.</summary>
    internal static int CopyTree(string source, string targetDirectory)
    {
        Directory.CreateDirectory(targetDirectory);
        if (File.Exists(source))
        {
            CopyFile(source, Path.Combine(targetDirectory, Path.GetFileName(source)));
            return 1;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            CopyFile(file, Path.Combine(targetDirectory, Path.GetRelativePath(source, file)));
            count++;
        }

        return count;
    }
}
