using System.Security.Cryptography;
using Amazon.Runtime;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Storage;
using Workbench.SageMaker.Tests.Fake;
using Workbench.Testing;

namespace Workbench.SageMaker.Tests.Storage;

public sealed class S3ArtifactStoreTests
{
    private static S3ArtifactStore Store(FakeS3Server fake, long partSize = 16 * 1024 * 1024) =>
        new(new AwsClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = fake.Url,
            Credentials = new BasicAWSCredentials(FakeAwsServer.AccessKey, FakeAwsServer.SecretKey),
            Retry = new AwsRetryOptions { MaxAttempts = 1 },
        })
        { PartSize = partSize };

    [Fact]
    public async Task A_model_archive_goes_up_signed_with_its_checksum_and_comes_back_identical()
    {
        await using var fake = await FakeS3Server.StartAsync("us-east-1", "wb-models");
        using var temp = new TempDirectory();
        var archive = temp.File("model.tar.gz");
        var bytes = RandomBytes(300_000, seed: 1);
        await File.WriteAllBytesAsync(archive, bytes);
        using var store = Store(fake);

        var uri = await store.UploadFileAsync(archive, "s3://wb-models/readmission/v1/");

        uri.Should().Be("s3://wb-models/readmission/v1/model.tar.gz");
        fake.Object("wb-models", "readmission/v1/model.tar.gz").Should().Equal(bytes);
        fake.Metadata("wb-models", "readmission/v1/model.tar.gz")[S3ArtifactStore.ChecksumMetadataKey]
            .Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var copy = temp.File("back/model.tar.gz");
        await store.DownloadFileAsync(uri, copy);
        (await File.ReadAllBytesAsync(copy)).Should().Equal(bytes);
        Directory.GetFiles(temp.File("back")).Should().ContainSingle("no temporary file is left behind");
        (await store.ExistsAsync(uri)).Should().BeTrue();
        (await store.ExistsAsync("s3://wb-models/readmission/v2/model.tar.gz")).Should().BeFalse();
    }

    [Fact]
    public async Task Large_archives_go_up_in_parts()
    {
        await using var fake = await FakeS3Server.StartAsync("us-east-1", "wb-models");
        using var temp = new TempDirectory();
        var bytes = RandomBytes(12 * 1024 * 1024 + 123, seed: 2);
        var archive = temp.File("big.tar.gz");
        await File.WriteAllBytesAsync(archive, bytes);
        using var store = Store(fake, partSize: 5 * 1024 * 1024);

        await store.UploadFileAsync(archive, "s3://wb-models/big/big.tar.gz");

        fake.MultipartUploadsCompleted.Should().Be(1);
        fake.Object("wb-models", "big/big.tar.gz").Should().Equal(bytes);
        var copy = temp.File("copy.tar.gz");
        await store.DownloadFileAsync("s3://wb-models/big/big.tar.gz", copy);
        (await File.ReadAllBytesAsync(copy)).Should().Equal(bytes);
    }

    [Fact]
    public async Task A_data_channel_folder_round_trips_through_a_prefix_across_list_pages()
    {
        await using var fake = await FakeS3Server.StartAsync("us-east-1", "wb-data");
        using var temp = new TempDirectory();
        var channel = temp.File("train");
        temp.Write("train/part-0.csv", "a,b\n1,2\n");
        temp.Write("train/part-1.csv", "a,b\n3,4\n");
        temp.Write("train/nested/part-2.csv", "a,b\n5,6\n");
        using var store = Store(fake);

        var uploaded = await store.UploadDirectoryAsync(channel, "s3://wb-data/jobs/j1/train");
        var files = await store.DownloadPrefixAsync("s3://wb-data/jobs/j1/train/", temp.File("restored"));

        uploaded.Should().BeEquivalentTo(
            "s3://wb-data/jobs/j1/train/nested/part-2.csv", "s3://wb-data/jobs/j1/train/part-0.csv", "s3://wb-data/jobs/j1/train/part-1.csv");
        files.Select(f => Path.GetRelativePath(temp.File("restored"), f).Replace('\\', '/'))
            .Should().BeEquivalentTo("nested/part-2.csv", "part-0.csv", "part-1.csv");
        File.ReadAllText(temp.File("restored/nested/part-2.csv")).Should().Be("a,b\n5,6\n");
        fake.Log.Count(l => l.Contains("list-type=2", StringComparison.Ordinal)).Should().BeGreaterThan(1, "the fake pages listings by two");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_corrupted_object_is_refused_and_leaves_no_file(bool serverAgrees)
    {
        await using var fake = await FakeS3Server.StartAsync("us-east-1", "wb-models");
        using var temp = new TempDirectory();
        var archive = temp.Write("model.tar.gz", "weights v1");
        using var store = Store(fake);
        var uri = await store.UploadFileAsync(archive, "s3://wb-models/m/model.tar.gz");
        fake.Corrupt("wb-models", "m/model.tar.gz", serverAgrees);

        var destination = temp.File("down/model.tar.gz");
        var download = () => store.DownloadFileAsync(uri, destination);

        var failure = await download.Should().ThrowAsync<Exception>();
        if (serverAgrees)
        {
            // Only Workbench's own x-amz-meta-sha256 check can catch it then.
            failure.Which.Should().BeOfType<InvalidDataException>().Which.Message.Should().Contain(uri).And.Contain("SHA-256");
        }

        File.Exists(destination).Should().BeFalse();
        (Directory.Exists(temp.File("down")) ? Directory.GetFiles(temp.File("down")) : []).Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_input_names_the_file_or_uri()
    {
        await using var fake = await FakeS3Server.StartAsync("us-east-1", "wb-models");
        using var store = Store(fake);

        var missing = () => store.UploadFileAsync("/nonexistent/model.tar.gz", "s3://wb-models/x/");
        (await missing.Should().ThrowAsync<FileNotFoundException>()).Which.Message.Should().Contain("/nonexistent/model.tar.gz");
        var badUri = () => store.UploadFileAsync("/nonexistent/model.tar.gz", "wb-models/x/");
        (await badUri.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("wb-models/x/");
        var badBucket = () => S3Location.Parse("s3://Bad_Bucket/key");
        badBucket.Should().Throw<FormatException>().Which.Message.Should().Contain("Bad_Bucket");
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
