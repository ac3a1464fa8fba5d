using System.Runtime.CompilerServices;

namespace Workbench.SageMaker.Api;

/// <summary>Follows <c>NextToken</c> so callers see every page as one sequence, on any backend.</summary>
public static class SageMakerPaging
{
    public static IAsyncEnumerable<TrainingJobSummary> ListAllTrainingJobsAsync(
        this ISageMakerApi api, ListTrainingJobsRequest? request = null, CancellationToken cancellationToken = default) =>
        Pages(
            request ?? new ListTrainingJobsRequest(),
            api.ListTrainingJobsAsync,
            page => (page.TrainingJobSummaries, page.NextToken),
            (next, token) => next with { NextToken = token },
            cancellationToken);

    public static IAsyncEnumerable<ModelPackageSummary> ListAllModelPackagesAsync(
        this ISageMakerApi api, ListModelPackagesRequest? request = null, CancellationToken cancellationToken = default) =>
        Pages(
            request ?? new ListModelPackagesRequest(),
            api.ListModelPackagesAsync,
            page => (page.ModelPackageSummaryList, page.NextToken),
            (next, token) => next with { NextToken = token },
            cancellationToken);

    private static async IAsyncEnumerable<TItem> Pages<TRequest, TResponse, TItem>(
        TRequest first,
        Func<TRequest, CancellationToken, Task<TResponse>> list,
        Func<TResponse, (IEnumerable<TItem> Items, string? NextToken)> read,
        Func<TRequest, string, TRequest> withToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = first;
        while (true)
        {
            var (items, token) = read(await list(request, cancellationToken).ConfigureAwait(false));
            foreach (var item in items)
            {
                yield return item;
            }

            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            request = withToken(request, token);
        }
    }
}
