namespace Workbench.SageMaker.ServiceModels;

/// <summary>A request the service model forbids, caught before it was sent.</summary>
public sealed class RequestValidationException : ArgumentException
{
    public RequestValidationException(string service, string operation, IReadOnlyList<ValidationProblem> problems)
        : base(Describe(service, operation, problems))
    {
        Service = service;
        Operation = operation;
        Problems = problems;
    }

    public string Service { get; }

    public string Operation { get; }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>The member paths that failed, e.g. <c>TrainingJobName</c>.</summary>
    public IEnumerable<string> Members => Problems.Select(p => p.Path).Distinct();

    private static string Describe(string service, string operation, IReadOnlyList<ValidationProblem> problems)
    {
        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        var lines = problems.Take(20).Select(p => $"  - {p.Message}");
        var more = problems.Count > 20 ? $"\n  ... and {problems.Count - 20} more" : string.Empty;
        return $"{service} {operation} request was not sent: the service model forbids it ({count}):\n{string.Join('\n', lines)}{more}";
    }
}
