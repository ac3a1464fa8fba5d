using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Workbench.SageMaker.Tests.Fake;

namespace Workbench.SageMaker.Tests.Contract;

/// <summary>The fake's signature check is only worth something if it is right: test it on AWS's published example.</summary>
public sealed class SigV4VerifierTests
{
    [Fact]
    public void The_verifier_reproduces_the_signature_of_the_AWS_documentation_example()
    {
        // docs.aws.amazon.com, "Signature Version 4 signing process" (IAM ListUsers, 2015-08-30T12:36:00Z).
        var request = new ReceivedRequest(
            "GET",
            "/",
            "Action=ListUsers&Version=2010-05-08",
            new Dictionary<string, string>
            {
                ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
                ["host"] = "iam.amazonaws.com",
                ["x-amz-date"] = "20150830T123600Z",
            },
            []);
        var canonical = SigV4Verifier.CanonicalRequest(request, ["content-type", "host", "x-amz-date"], Convert.ToHexStringLower(SHA256.HashData([])))!;

        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))
            .Should().Be("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        SigV4Verifier.Sign("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z", "us-east-1", "iam", canonical)
            .Should().Be("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    [Fact]
    public void It_accepts_what_the_SDK_signed_and_refuses_a_changed_body_a_wrong_scope_or_a_stale_date()
    {
        var body = Encoding.UTF8.GetBytes("""{"EndpointName":"ep"}""");
        var signedAt = DateTime.UtcNow;
        var received = Signed(body, signedAt, "sagemaker");
        var verifier = new SigV4Verifier(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey, "eu-west-1", "sagemaker");

        verifier.Verify(received, DateTimeOffset.UtcNow).Should().BeNull();
        verifier.Verify(received with { Body = Encoding.UTF8.GetBytes("""{"EndpointName":"other"}""") }, DateTimeOffset.UtcNow)
            .Should().Contain("does not match the body");
        var withoutContentHash = new Dictionary<string, string>(received.Headers);
        withoutContentHash.Remove("x-amz-content-sha256");
        verifier.Verify(received with { Headers = withoutContentHash, Body = Encoding.UTF8.GetBytes("{}") }, DateTimeOffset.UtcNow)
            .Should().NotBeNull();
        new SigV4Verifier(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey, "eu-west-1", "application-autoscaling").Verify(received, DateTimeOffset.UtcNow)
            .Should().Contain("credential scope");
        verifier.Verify(received, DateTimeOffset.UtcNow.AddMinutes(20)).Should().Contain("15 minutes");
        var retargeted = new Dictionary<string, string>(received.Headers) { ["x-amz-target"] = "SageMaker.DeleteEndpoint" };
        verifier.Verify(received with { Headers = retargeted }, DateTimeOffset.UtcNow).Should().Contain("signature mismatch");
    }

    private static ReceivedRequest Signed(byte[] body, DateTime signedAt, string service)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Post,
            RequestUri = new Uri("https://api.sagemaker.eu-west-1.amazonaws.com/"),
            Content = body,
        };
        signing.Headers["Content-Type"] = "application/x-amz-json-1.1";
        signing.Headers["X-Amz-Target"] = "SageMaker.DescribeEndpoint";
        var result = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey),
            Region = RegionEndpoint.EUWest1,
            Service = service,
            SignPayload = true,
            SignedAt = signedAt,
        });
        var headers = signing.Headers.Concat(result.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        headers["host"] = "api.sagemaker.eu-west-1.amazonaws.com";
        return new ReceivedRequest("POST", "/", string.Empty, headers, body);
    }
}
