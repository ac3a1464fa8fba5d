using System.Text.RegularExpressions;

namespace Workbench.SageMaker.Storage;

/// <summary>An <c>s3://bucket/key</c> address, checked against S3's bucket naming rules.</summary>
public sealed partial record S3Location(string Bucket, string Key)
{
    public static S3Location Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (!uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new FormatException($"'{uri}' is not an S3 URI: it must start with s3://bucket/.");
        }

        var rest = uri["s3://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal))
        {
            throw new FormatException($"'{bucket}' in '{uri}' is not a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit).");
        }

        return new S3Location(bucket, key);
    }

    /// <summary>This location with <paramref name="relative"/> appended as a key under it.</summary>
    public S3Location Child(string relative)
    {
        var prefix = Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";
        return this with { Key = prefix + relative.Replace('\\', '/').TrimStart('/') };
    }

    public override string ToString() => $"s3://{Bucket}/{Key}";

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
