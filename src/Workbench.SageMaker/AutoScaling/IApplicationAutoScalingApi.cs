namespace Workbench.SageMaker.AutoScaling;

/// <summary>The Application Auto Scaling operations that scale SageMaker endpoint variants.</summary>
public interface IApplicationAutoScalingApi
{
    Task<RegisterScalableTargetResponse> RegisterScalableTargetAsync(RegisterScalableTargetRequest request, CancellationToken cancellationToken = default);

    Task<PutScalingPolicyResponse> PutScalingPolicyAsync(PutScalingPolicyRequest request, CancellationToken cancellationToken = default);

    Task DeleteScalingPolicyAsync(DeleteScalingPolicyRequest request, CancellationToken cancellationToken = default);

    Task DeregisterScalableTargetAsync(DeregisterScalableTargetRequest request, CancellationToken cancellationToken = default);
}
