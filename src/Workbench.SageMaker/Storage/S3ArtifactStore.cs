using System.Security.Cryptography;
using Amazon;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Workbench.SageMaker.Aws;

namespace Workbench.SageMaker.Storage;

/// <summary>
/// Model archives and data channels in S3 through AWSSDK.S3, with the same region, endpoint override and
/// credential chain as the SageMaker client. Uploads carry a SHA-256 checksum that S3 verifies and a
/// <c>x-amz-meta-sha256</c> that downloads verify; large files go up in parts.
/// </summary>
/// <remarks>
/// <see cref="AwsClientOptions.ServiceUrl"/> points the store at another S3 endpoint (MinIO, LocalStack, a test
/// fake); path-style addressing is then used, since such endpoints rarely serve virtual-hosted buckets.
/// </remarks>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    public const string ChecksumMetadataKey = "sha256";

    private readonly AwsClientOptions _options;
    private readonly AwsCredentialChain _credentials;
    private readonly RegionEndpoint _region;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AmazonS3Client? _client;

    public S3ArtifactStore(AwsClientOptions? options = null)
        : this(options ?? new AwsClientOptions(), null)
    {
    }

    internal S3ArtifactStore(AwsClientOptions options, AwsCredentialChain? credentials)
    {
        _options = options;
        _region = AwsRegionResolver.Resolve(options);
        _credentials = credentials ?? new AwsCredentialChain(options);
    }

    /// <summary>Parts of this size (at least 5 MiB, S3's minimum) for files above twice the size.</summary>
    public long PartSize { get; init; } = 16 * 1024 * 1024;

    public async Task<string> UploadFileAsync(string localPath, string destinationUri, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(localPath))
        {
            throw new FileNotFoundException($"Cannot upload {localPath} to {destinationUri}: the file does not exist.", localPath);
        }

        var target = S3Location.Parse(destinationUri);
        if (target.Key.Length == 0 || target.Key.EndsWith('/'))
        {
            target = target.Child(Path.GetFileName(localPath));
        }

        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        var sha256 = await Sha256HexAsync(localPath, cancellationToken).ConfigureAwait(false);
        var request = new TransferUtilityUploadRequest
        {
            BucketName = target.Bucket,
            Key = target.Key,
            FilePath = localPath,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            PartSize = Math.Max(PartSize, 5 * 1024 * 1024),
        };
        request.Metadata[ChecksumMetadataKey] = sha256;
        using var transfer = new TransferUtility(client, new TransferUtilityConfig { MinSizeBeforePartUpload = 2 * request.PartSize });
        await transfer.UploadAsync(request, cancellationToken).ConfigureAwait(false);
        return target.ToString();
    }

    public async Task<IReadOnlyList<string>> UploadDirectoryAsync(string localDirectory, string destinationPrefixUri, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(localDirectory))
        {
            throw new DirectoryNotFoundException($"Cannot upload {localDirectory} to {destinationPrefixUri}: the folder does not exist.");
        }

        var prefix = S3Location.Parse(destinationPrefixUri);
        var uploaded = new List<string>();
        foreach (var file in Directory.EnumerateFiles(localDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(localDirectory, file).Replace('\\', '/');
            uploaded.Add(await UploadFileAsync(file, prefix.Child(relative).ToString(), cancellationToken).ConfigureAwait(false));
        }

        return uploaded;
    }

    public async Task DownloadFileAsync(string sourceUri, string localPath, CancellationToken cancellationToken = default)
    {
        var source = S3Location.Parse(sourceUri);
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        var directory = Path.GetDirectoryName(Path.GetFullPath(localPath))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(localPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var response = await client.GetObjectAsync(
                new GetObjectRequest { BucketName = source.Bucket, Key = source.Key, ChecksumMode = ChecksumMode.ENABLED },
                cancellationToken).ConfigureAwait(false))
            {
                await using var output = File.Create(temporary);
                await response.ResponseStream.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                var expected = response.Metadata[ChecksumMetadataKey];
                if (!string.IsNullOrEmpty(expected))
                {
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    output.Position = 0;
                    var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(output, cancellationToken).ConfigureAwait(false));
                    if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidDataException($"{sourceUri} downloaded with SHA-256 {actual}, but it was stored with {expected}; the local copy was discarded.");
                    }
                }
            }

            File.Move(temporary, localPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public async Task<IReadOnlyList<string>> DownloadPrefixAsync(string sourcePrefixUri, string localDirectory, CancellationToken cancellationToken = default)
    {
        var prefix = S3Location.Parse(sourcePrefixUri);
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        var files = new List<string>();
        var root = Path.GetFullPath(localDirectory);
        string? continuation = null;
        do
        {
            var page = await client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = prefix.Bucket, Prefix = prefix.Key, ContinuationToken = continuation },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                if (item.Key.EndsWith('/'))
                {
                    continue;
                }

                var relative = item.Key[prefix.Key.Length..].TrimStart('/');
                var local = Path.GetFullPath(Path.Combine(root, relative.Length == 0 ? Path.GetFileName(item.Key) : relative));
                if (!local.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"s3://{prefix.Bucket}/{item.Key} would be written outside {root}; refusing.");
                }

                await DownloadFileAsync($"s3://{prefix.Bucket}/{item.Key}", local, cancellationToken).ConfigureAwait(false);
                files.Add(local);
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);

        return files;
    }

    public async Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default)
    {
        var location = S3Location.Parse(uri);
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.GetObjectMetadataAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<AmazonS3Client> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is null)
            {
                var credentials = await _credentials.ResolveAsync(cancellationToken).ConfigureAwait(false);
                var config = new AmazonS3Config
                {
                    MaxErrorRetry = Math.Max(0, _options.Retry.MaxAttempts - 1),
                    Timeout = _options.Retry.AttemptTimeout,
                };
                if (_options.ServiceUrl is { } url)
                {
                    config.ServiceURL = url.ToString();
                    config.ForcePathStyle = true;
                    config.AuthenticationRegion = _region.SystemName;
                }
                else
                {
                    config.RegionEndpoint = _region;
                }

                _client = new AmazonS3Client(credentials, config);
            }

            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<string> Sha256HexAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => _client?.Dispose();
}
