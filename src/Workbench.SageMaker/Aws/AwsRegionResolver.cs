using Amazon;
using Amazon.Runtime.CredentialManagement;

namespace Workbench.SageMaker.Aws;

/// <summary>Picks the region (explicit, environment, profile) and refuses one AWS does not have.</summary>
public static class AwsRegionResolver
{
    public static RegionEndpoint Resolve(AwsClientOptions options)
    {
        var (name, source) = Find(options);
        if (name is null)
        {
            if (options.ServiceUrl is not null)
            {
                // An endpoint override still needs a region for the signature's credential scope.
                return RegionEndpoint.USEast1;
            }

            throw new AwsConfigurationException(
                "No AWS region is set. Set AwsClientOptions.Region, the AWS_REGION or AWS_DEFAULT_REGION variable, " +
                "or 'region' in your profile in ~/.aws/config.");
        }

        var region = Known(name);
        if (region is null && options.ServiceUrl is null)
        {
            var known = string.Join(", ", KnownRegions.Value.Take(40));
            throw new AwsConfigurationException(
                $"'{name}' (from {source}) is not an AWS region this SDK knows, so no endpoint can be resolved for it. " +
                $"Known regions: {known}, ... Check the spelling, or set AwsClientOptions.ServiceUrl to reach an endpoint directly.");
        }

        return region ?? RegionEndpoint.GetBySystemName(name);
    }

    private static (string? Name, string Source) Find(AwsClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            return (options.Region.Trim(), "AwsClientOptions.Region");
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (options.Environment(variable) is { Length: > 0 } value)
            {
                return (value.Trim(), $"the {variable} variable");
            }
        }

        var profile = options.Profile ?? options.Environment("AWS_PROFILE") ?? "default";
        try
        {
            var store = options.SharedCredentialsFile is { } file ? new CredentialProfileStoreChain(file) : new CredentialProfileStoreChain();
            if (store.TryGetProfile(profile, out var found) && found.Region is { } region)
            {
                return (region.SystemName, $"profile '{profile}'");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // An unreadable config file means no region from it; the error below says what to set.
        }

        return (null, string.Empty);
    }

    private static readonly Lazy<string[]> KnownRegions = new(() => RegionEndpoint.EnumerableAllRegions
        .Where(r => r.DisplayName != "Unknown" && !r.SystemName.EndsWith("-regional", StringComparison.Ordinal))
        .Select(r => r.SystemName)
        .ToArray());

    private static RegionEndpoint? Known(string name) =>
        KnownRegions.Value.Contains(name, StringComparer.Ordinal) ? RegionEndpoint.GetBySystemName(name) : null;
}
