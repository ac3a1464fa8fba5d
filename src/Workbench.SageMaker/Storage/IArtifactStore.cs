namespace Workbench.SageMaker.Storage;

/// <summary>
/// Where model archives and data channels live for a backend: S3 for SageMaker, a folder for the local backend.
/// Uploads and downloads are whole or nothing: a download lands in a temporary file that is renamed only once
/// complete and verified.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Uploads one file to <paramref name="destinationUri"/> (a URI ending in <c>/</c> is a prefix: the file keeps its name); returns the URI it now has.</summary>
    Task<string> UploadFileAsync(string localPath, string destinationUri, CancellationToken cancellationToken = default);

    /// <summary>Uploads every file under <paramref name="localDirectory"/> beneath <paramref name="destinationPrefixUri"/>, keeping relative paths.</summary>
    Task<IReadOnlyList<string>> UploadDirectoryAsync(string localDirectory, string destinationPrefixUri, CancellationToken cancellationToken = default);

    /// <summary>Downloads one object to <paramref name="localPath"/>, verifying its checksum when one was stored.</summary>
    Task DownloadFileAsync(string sourceUri, string localPath, CancellationToken cancellationToken = default);

    /// <summary>Downloads every object under <paramref name="sourcePrefixUri"/> into <paramref name="localDirectory"/>; returns the local files.</summary>
    Task<IReadOnlyList<string>> DownloadPrefixAsync(string sourcePrefixUri, string localDirectory, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default);
}
