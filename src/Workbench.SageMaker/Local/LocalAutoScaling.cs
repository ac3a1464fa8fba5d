using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.ServiceModels;

namespace Workbench.SageMaker.Local;

/// <summary>
/// Application Auto Scaling on this machine: targets and policies are validated against the service model and kept,
/// so a notebook can read back what it would have applied; nothing scales (a local endpoint has one process per
/// variant). <c>Workbench.Costs.TargetTrackingSimulator</c> replays traffic through the same policy.
/// </summary>
public sealed class LocalAutoScaling(LocalBackendOptions options) : IApplicationAutoScalingApi
{
    private readonly ShapeValidator _validator = new(BundledModels.ApplicationAutoScaling);
    private readonly ConcurrentDictionary<string, RegisterScalableTargetRequest> _targets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PutScalingPolicyRequest> _policies = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RegisterScalableTargetRequest> Targets => _targets.Values.ToList();

    public IReadOnlyCollection<PutScalingPolicyRequest> Policies => _policies.Values.ToList();

    public Task<RegisterScalableTargetResponse> RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default)
    {
        Validate("RegisterScalableTarget", request);
        _targets[Key(request.ResourceId, request.ScalableDimension)] = request;
        return Task.FromResult(new RegisterScalableTargetResponse
        {
            ScalableTargetARN = $"arn:aws:application-autoscaling:{options.Region}:{options.Account}:scalable-target/{Math.Abs(request.ResourceId.GetHashCode(StringComparison.Ordinal)):x}",
        });
    }

    public Task<PutScalingPolicyResponse> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default)
    {
        Validate("PutScalingPolicy", request);
        if (!_targets.ContainsKey(Key(request.ResourceId, request.ScalableDimension)))
        {
            throw new AwsServiceException("Application Auto Scaling", "PutScalingPolicy", "ObjectNotFoundException",
                $"No scalable target registered for service namespace: {request.ServiceNamespace}, resource ID: {request.ResourceId}, scalable dimension: {request.ScalableDimension}",
                HttpStatusCode.BadRequest, requestId: null);
        }

        _policies[$"{Key(request.ResourceId, request.ScalableDimension)}|{request.PolicyName}"] = request;
        return Task.FromResult(new PutScalingPolicyResponse
        {
            PolicyARN = $"arn:aws:autoscaling:{options.Region}:{options.Account}:scalingPolicy:local:resource/{request.ResourceId}:policyName/{request.PolicyName}",
        });
    }

    public Task DeleteScalingPolicyAsync(DeleteScalingPolicyRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DeleteScalingPolicy", request);
        _policies.TryRemove($"{Key(request.ResourceId, request.ScalableDimension)}|{request.PolicyName}", out _);
        return Task.CompletedTask;
    }

    public Task DeregisterScalableTargetAsync(DeregisterScalableTargetRequest request, CancellationToken cancellationToken = default)
    {
        Validate("DeregisterScalableTarget", request);
        _targets.TryRemove(Key(request.ResourceId, request.ScalableDimension), out _);
        return Task.CompletedTask;
    }

    private static string Key(string resource, string dimension) => $"{resource}|{dimension}";

    private void Validate(string operation, object request) =>
        _validator.ThrowIfInvalid(operation, JsonSerializer.SerializeToNode(request, request.GetType(), AwsJson.Options) as JsonObject ?? new JsonObject());
}
