namespace Workbench.SageMaker.Local;

/// <summary>
/// Maps the URIs a SageMaker request carries to this machine: <c>file://</c> URIs and plain paths as they are,
/// <c>s3://bucket/key</c> to <c>&lt;root&gt;/s3/bucket/key</c>.
/// </summary>
public sealed class LocalPaths(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string S3Root => Path.Combine(Root, "s3");

    public string Resolve(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            var location = Storage.S3Location.Parse(uri);
            var key = location.Key.Replace('/', Path.DirectorySeparatorChar);
            var path = Path.GetFullPath(Path.Combine(S3Root, location.Bucket, key));
            if (!path.StartsWith(Path.Combine(S3Root, location.Bucket), StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{uri}' leaves its bucket ('..' in the key).", nameof(uri));
            }

            return path;
        }

        if (uri.StartsWith("file://", StringComparison.Ordinal))
        {
            return Path.GetFullPath(new Uri(uri).LocalPath);
        }

        if (uri.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{uri}': the local backend reads s3://, file:// URIs and paths only.", nameof(uri));
        }

        return Path.GetFullPath(uri);
    }

    /// <summary><paramref name="prefix"/> with <paramref name="relative"/> appended under it, in the prefix's own scheme.</summary>
    public static string Child(string prefix, string relative) => prefix.TrimEnd('/') + "/" + relative.TrimStart('/');
}
