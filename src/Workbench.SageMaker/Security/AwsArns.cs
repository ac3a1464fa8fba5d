using System.Text.RegularExpressions;
using Workbench.SageMaker.Storage;

namespace Workbench.SageMaker.Security;

/// <summary>Builds and reads the ARNs the generated policies name.</summary>
public static partial class AwsArns
{
    /// <summary>An endpoint's ARN; SageMaker stores endpoint names in lower case in ARNs.</summary>
    public static string Endpoint(string region, string accountId, string endpointName, string partition = "aws") =>
        $"arn:{partition}:sagemaker:{region}:{CheckAccount(accountId)}:endpoint/{endpointName.ToLowerInvariant()}";

    public static string S3Bucket(string bucket, string partition = "aws") => $"arn:{partition}:s3:::{bucket}";

    /// <summary>Objects under a prefix (the whole bucket when the prefix is empty).</summary>
    public static string S3Objects(S3Location location, string partition = "aws") =>
        $"arn:{partition}:s3:::{location.Bucket}/{location.Key}*";

    public static string LogGroup(string region, string accountId, string logGroup, string partition = "aws") =>
        $"arn:{partition}:logs:{region}:{CheckAccount(accountId)}:log-group:{logGroup}";

    public static string LogStreams(string region, string accountId, string logGroup, string streamPrefix, string partition = "aws") =>
        $"arn:{partition}:logs:{region}:{CheckAccount(accountId)}:log-group:{logGroup}:log-stream:{streamPrefix}*";

    /// <summary>The ECR repository an image URI such as <c>123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/model:1.0</c> comes from.</summary>
    public static EcrRepository ParseEcrImage(string imageUri)
    {
        var match = EcrImage().Match(imageUri);
        if (!match.Success)
        {
            throw new FormatException($"'{imageUri}' is not an ECR image URI (<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]).");
        }

        return new EcrRepository(match.Groups["account"].Value, match.Groups["region"].Value, match.Groups["repository"].Value);
    }

    /// <summary>The account id in an IAM role ARN (<c>arn:aws:iam::123456789012:role/name</c>).</summary>
    public static string AccountOfRole(string roleArn)
    {
        var match = RoleArn().Match(roleArn);
        return match.Success
            ? match.Groups["account"].Value
            : throw new FormatException($"'{roleArn}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>).");
    }

    private static string CheckAccount(string accountId) =>
        accountId.Length == 12 && accountId.All(char.IsAsciiDigit)
            ? accountId
            : throw new FormatException($"'{accountId}' is not an AWS account id (12 digits).");

    [GeneratedRegex(@"^(?<account>\d{12})\.dkr\.ecr\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?/(?<repository>[a-z0-9][a-z0-9._/-]*?)(:[\w.-]+|@sha256:[a-f0-9]{64})?$")]
    private static partial Regex EcrImage();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/.+$")]
    private static partial Regex RoleArn();
}

/// <summary>An ECR repository: account, region and name.</summary>
public sealed record EcrRepository(string AccountId, string Region, string Name)
{
    public string Arn(string partition = "aws") => $"arn:{partition}:ecr:{Region}:{AccountId}:repository/{Name}";
}
