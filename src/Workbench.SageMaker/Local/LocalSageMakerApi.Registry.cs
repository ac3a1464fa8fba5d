using System.Globalization;
using Workbench.Registry;
using Workbench.SageMaker.Api;
using RegistryApproval = Workbench.Registry.ApprovalStatus;

namespace Workbench.SageMaker.Local;

// Model package groups are registered models; model packages are their versions. CreateModelPackage imports the
// model.tar.gz a training job wrote (every file checked against its manifest) and sets the approval status; approval
// changes go through the registry, so its history records them as it records any other.
public sealed partial class LocalSageMakerApi
{
    public Task<CreateModelPackageGroupResponse> CreateModelPackageGroupAsync(CreateModelPackageGroupRequest request, CancellationToken cancellationToken = default)
    {
        Validate("CreateModelPackageGroup", request);
        if (Registry.ListModels().Any(m => m.Name == request.ModelPackageGroupName))
        {
            throw Error("CreateModelPackageGroup", "ValidationException", $"Model Package Group already exists: {Arn("model-package-group", request.ModelPackageGroupName)}");
        }

        Registry.CreateModel(request.ModelPackageGroupName, request.ModelPackageGroupDescription ?? string.Empty, request.Tags?.ToDictionary(t => t.Key, t => t.Value));
        return Task.FromResult(new CreateModelPackageGroupResponse { ModelPackageGroupArn = Arn("model-package-group", request.ModelPackageGroupName) });
    }

    public Task<CreateModelPackageResponse> CreateModelPackageAsync(CreateModelPackageRequest request, CancellationToken cancellationToken = default)
    {
        Validate("CreateModelPackage", request);
        var group = request.ModelPackageGroupName
            ?? throw Error("CreateModelPackage", "ValidationException", "The local backend registers versioned model packages only: set ModelPackageGroupName.");
        GroupOrThrow("CreateModelPackage", group);
        var url = request.InferenceSpecification?.Containers.FirstOrDefault()?.ModelDataUrl
            ?? throw Error("CreateModelPackage", "ValidationException", "InferenceSpecification.Containers[0].ModelDataUrl (the model.tar.gz) is required on the local backend.");
        var archive = Paths.Resolve(url);
        ModelVersion version;
        try
        {
            version = Registry.Import(archive, group, Environment.UserName);
        }
        catch (Exception e) when (e is FileNotFoundException or Workbench.Registry.Archive.ModelArchiveException or InvalidOperationException)
        {
            throw Error("CreateModelPackage", "ValidationException", $"ModelDataUrl {url}: {e.Message}");
        }

        if (request.ModelPackageDescription is { Length: > 0 } description)
        {
            Registry.SetVersionDescription(group, version.Version, description);
        }

        Registry.SetVersionTag(group, version.Version, "sagemaker.model_data_url", url);
        var status = Approval(request.ModelApprovalStatus ?? Api.ModelApprovalStatus.PendingManualApproval);
        if (status != RegistryApproval.PendingManualApproval)
        {
            Registry.SetApprovalStatus(group, version.Version, status, "set by CreateModelPackage");
        }

        return Task.FromResult(new CreateModelPackageResponse { ModelPackageArn = PackageArn(group, version.Version) });
    }

    public Task<DescribeModelPackageResponse> DescribeModelPackageAsync(DescribeModelPackageRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DescribeModelPackage", request);
        var version = Package("DescribeModelPackage", request.ModelPackageName);
        var lastApproval = Registry.GetApprovalHistory(version.ModelName, version.Version).LastOrDefault();
        return Task.FromResult(new DescribeModelPackageResponse
        {
            ModelPackageName = version.ModelName,
            ModelPackageGroupName = version.ModelName,
            ModelPackageVersion = version.Version,
            ModelPackageArn = PackageArn(version.ModelName, version.Version),
            ModelPackageDescription = version.Description,
            CreationTime = version.CreatedAt,
            InferenceSpecification = version.Tags.TryGetValue("sagemaker.model_data_url", out var url)
                ? new InferenceSpecification { Containers = [new ModelPackageContainerDefinition { ModelDataUrl = url }] }
                : null,
            ModelPackageStatus = "Completed",
            ModelApprovalStatus = version.ApprovalStatus.ToString(),
            ApprovalDescription = lastApproval?.Reason,
            LastModifiedTime = lastApproval?.At ?? version.CreatedAt,
        });
    }

    public Task<UpdateModelPackageResponse> UpdateModelPackageAsync(UpdateModelPackageRequest request, CancellationToken cancellationToken = default)
    {
        Validate("UpdateModelPackage", request);
        var version = Package("UpdateModelPackage", request.ModelPackageArn);
        if (request.ModelApprovalStatus is { } status)
        {
            Registry.SetApprovalStatus(version.ModelName, version.Version, Approval(status), request.ApprovalDescription ?? "set by UpdateModelPackage");
        }

        return Task.FromResult(new UpdateModelPackageResponse { ModelPackageArn = PackageArn(version.ModelName, version.Version) });
    }

    public Task<ListModelPackagesResponse> ListModelPackagesAsync(ListModelPackagesRequest request, CancellationToken cancellationToken = default)
    {
        Validate("ListModelPackages", request);
        var groups = request.ModelPackageGroupName is { } group ? [GroupOrThrow("ListModelPackages", group)] : Registry.ListModels().Select(m => m.Name).ToList();
        IEnumerable<ModelVersion> versions = groups.SelectMany(Registry.ListVersions);
        if (request.ModelApprovalStatus is { } status)
        {
            var wanted = Approval(status);
            versions = versions.Where(v => v.ApprovalStatus == wanted);
        }

        if (request.NameContains is { } name)
        {
            versions = versions.Where(v => v.ModelName.Contains(name, StringComparison.OrdinalIgnoreCase));
        }

        versions = request.SortBy == "Name" ? versions.OrderBy(v => v.ModelName, StringComparer.Ordinal).ThenBy(v => v.Version) : versions.OrderBy(v => v.CreatedAt).ThenBy(v => v.Version);
        if (request.SortOrder == "Descending")
        {
            versions = versions.Reverse();
        }

        var summaries = versions.Select(v => new ModelPackageSummary
        {
            ModelPackageName = v.ModelName,
            ModelPackageGroupName = v.ModelName,
            ModelPackageVersion = v.Version,
            ModelPackageArn = PackageArn(v.ModelName, v.Version),
            ModelPackageDescription = v.Description,
            CreationTime = v.CreatedAt,
            ModelPackageStatus = "Completed",
            ModelApprovalStatus = v.ApprovalStatus.ToString(),
        }).ToList();
        var (page, next) = Page(summaries, request.NextToken, request.MaxResults);
        return Task.FromResult(new ListModelPackagesResponse { ModelPackageSummaryList = page, NextToken = next });
    }

    private string PackageArn(string group, int version) =>
        $"arn:aws:sagemaker:{Options.Region}:{Options.Account}:model-package/{group.ToLowerInvariant()}/{version.ToString(CultureInfo.InvariantCulture)}";

    private string GroupOrThrow(string operation, string group) =>
        Registry.ListModels().Any(m => m.Name == group)
            ? group
            : throw Error(operation, "ValidationException", $"Model Package Group {group} does not exist (create it with CreateModelPackageGroup).");

    /// <summary>A package by ARN (<c>.../model-package/group/3</c>) or by <c>group/3</c>.</summary>
    private ModelVersion Package(string operation, string nameOrArn)
    {
        var path = nameOrArn.Contains(":model-package/", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.IndexOf(":model-package/", StringComparison.Ordinal) + ":model-package/".Length)..] : nameOrArn;
        var slash = path.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(path[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw Error(operation, "ValidationException", $"'{nameOrArn}' is not a versioned model package (expected an ARN or group/version).");
        }

        var groupName = path[..slash];
        var model = Registry.ListModels().FirstOrDefault(m => string.Equals(m.Name, groupName, StringComparison.OrdinalIgnoreCase))
            ?? throw Error(operation, "ValidationException", $"Model package {nameOrArn} does not exist: no group '{groupName}'.");
        try
        {
            return Registry.GetVersion(model.Name, number);
        }
        catch (ModelVersionNotFoundException e)
        {
            throw Error(operation, "ValidationException", $"Model package {nameOrArn} does not exist: {e.Message}");
        }
    }

    private static RegistryApproval Approval(string status) => status switch
    {
        Api.ModelApprovalStatus.Approved => RegistryApproval.Approved,
        Api.ModelApprovalStatus.Rejected => RegistryApproval.Rejected,
        Api.ModelApprovalStatus.PendingManualApproval => RegistryApproval.PendingManualApproval,
        _ => throw new ArgumentException($"'{status}' is not a ModelApprovalStatus (Approved, Rejected, PendingManualApproval)."),
    };
}
