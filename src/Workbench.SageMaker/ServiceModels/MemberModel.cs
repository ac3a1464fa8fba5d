namespace Workbench.SageMaker.ServiceModels;

/// <summary>
/// One member of a structure, a list's element or a map's key or value, as the service model declares it.
/// </summary>
/// <param name="Name">The member's name in the structure (the JSON property name for the JSON protocols).</param>
/// <param name="ShapeName">The shape its value must satisfy.</param>
/// <param name="Location"><c>uri</c>, <c>header</c>, <c>headers</c> or <c>querystring</c> for REST protocols; null for the body.</param>
/// <param name="LocationName">The header name, URI label or query key when <paramref name="Location"/> is set.</param>
/// <param name="IdempotencyToken">Whether a client fills the member with a fresh token when the caller leaves it empty.</param>
public sealed record MemberModel(
    string Name,
    string ShapeName,
    string? Location = null,
    string? LocationName = null,
    bool IdempotencyToken = false);
