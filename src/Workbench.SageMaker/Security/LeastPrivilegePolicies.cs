namespace Workbench.SageMaker.Security;

/// <summary>
/// IAM policies scoped to one job or endpoint, instead of <c>AmazonSageMakerFullAccess</c>: the execution role
/// gets only its S3 prefixes, its ECR repository and its log streams; an invoker gets
/// <c>sagemaker:InvokeEndpoint</c> on one endpoint.
/// </summary>
/// <remarks>
/// <c>ecr:GetAuthorizationToken</c> is the one action with resource <c>*</c>: IAM supports no narrower resource
/// for it, and it grants no image by itself. Not included (add them if your job needs them): VPC network
/// interfaces for jobs in a VPC, <c>cloudwatch:PutMetricData</c> for containers that publish their own metrics.
/// </remarks>
public static class LeastPrivilegePolicies
{
    public static IamPolicyDocument ExecutionRole(ExecutionRoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var partition = scope.Partition;
        var statements = new List<IamStatement>();
        var allPrefixes = scope.ReadPrefixes.Concat(scope.WritePrefixes).ToArray();
        foreach (var bucket in allPrefixes.GroupBy(p => p.Bucket).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            statements.Add(new IamStatement(
                $"List{Sid(bucket.Key)}",
                "Allow",
                ["s3:ListBucket"],
                [AwsArns.S3Bucket(bucket.Key, partition)],
                new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
                {
                    ["StringLike"] = new Dictionary<string, IReadOnlyList<string>>
                    {
                        ["s3:prefix"] = bucket.Select(p => $"{p.Key}*").Distinct().Order(StringComparer.Ordinal).ToArray(),
                    },
                }));
        }

        if (allPrefixes.Length > 0)
        {
            statements.Add(new IamStatement("ReadObjects", "Allow", ["s3:GetObject"], Resources(allPrefixes, partition)));
        }

        if (scope.WritePrefixes.Count > 0)
        {
            statements.Add(new IamStatement("WriteObjects", "Allow", ["s3:PutObject", "s3:AbortMultipartUpload"], Resources(scope.WritePrefixes, partition)));
        }

        if (scope.Repositories.Count > 0)
        {
            statements.Add(new IamStatement(
                "PullImage",
                "Allow",
                ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                scope.Repositories.Select(r => r.Arn(partition)).Distinct().ToArray()));
            statements.Add(new IamStatement("EcrLogin", "Allow", ["ecr:GetAuthorizationToken"], ["*"]));
        }

        statements.Add(new IamStatement(
            "LogGroup",
            "Allow",
            ["logs:CreateLogGroup", "logs:DescribeLogStreams"],
            [AwsArns.LogGroup(scope.Region, scope.AccountId, scope.LogGroup, partition)]));
        statements.Add(new IamStatement(
            "LogStreams",
            "Allow",
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            [AwsArns.LogStreams(scope.Region, scope.AccountId, scope.LogGroup, scope.LogStreamPrefix, partition)]));
        if (scope.KmsKeyArns.Count > 0)
        {
            statements.Add(new IamStatement("UseKeys", "Allow", ["kms:Decrypt", "kms:GenerateDataKey"], scope.KmsKeyArns.ToArray()));
        }

        return new IamPolicyDocument(statements);
    }

    /// <summary>Lets a caller (an application, a Lambda function) invoke one endpoint and nothing else.</summary>
    public static IamPolicyDocument Invoker(string endpointArn)
    {
        if (!endpointArn.StartsWith("arn:", StringComparison.Ordinal) || !endpointArn.Contains(":endpoint/", StringComparison.Ordinal))
        {
            throw new FormatException($"'{endpointArn}' is not an endpoint ARN (arn:aws:sagemaker:<region>:<account>:endpoint/<name>).");
        }

        return new IamPolicyDocument([new IamStatement("InvokeOneEndpoint", "Allow", ["sagemaker:InvokeEndpoint"], [endpointArn])]);
    }

    /// <summary>The trust policy that lets SageMaker (and only for this account) assume the execution role.</summary>
    public static IamPolicyDocument ExecutionRoleTrust(string accountId) =>
        new([
            new IamStatement(
                "SageMakerAssumesRole",
                "Allow",
                ["sts:AssumeRole"],
                null,
                new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
                {
                    ["StringEquals"] = new Dictionary<string, IReadOnlyList<string>> { ["aws:SourceAccount"] = [accountId] },
                },
                new Dictionary<string, string> { ["Service"] = "sagemaker.amazonaws.com" }),
        ]);

    private static string[] Resources(IEnumerable<Storage.S3Location> prefixes, string partition) =>
        prefixes.Select(p => AwsArns.S3Objects(p, partition)).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static string Sid(string bucket) =>
        string.Concat(bucket.Split('-', '.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
