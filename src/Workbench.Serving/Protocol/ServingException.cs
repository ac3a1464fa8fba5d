namespace Workbench.Serving.Protocol;

/// <summary>
/// A request the server refuses, with the HTTP status and a machine-readable code; invalid data carries every
/// <see cref="RequestProblem"/> found (row, column, value, reason). The server answers it as a JSON error and keeps serving.
/// </summary>
public sealed class ServingException : Exception
{
    public ServingException(int status, string code, string message, IReadOnlyList<RequestProblem>? problems = null, int? totalProblems = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Problems = problems ?? [];
        TotalProblems = totalProblems ?? Problems.Count;
    }

    public int Status { get; }

    /// <summary>A stable code: <c>invalid_data</c>, <c>invalid_json</c>, <c>unsupported_media_type</c>, <c>payload_too_large</c>, …</summary>
    public string Code { get; }

    /// <summary>The problems found (at most a bounded number; <see cref="TotalProblems"/> counts all).</summary>
    public IReadOnlyList<RequestProblem> Problems { get; }

    public int TotalProblems { get; }

    public static ServingException BadRequest(string code, string message) => new(400, code, message);

    /// <summary>400 invalid_data naming the first problem in the message and carrying all of them.</summary>
    public static ServingException InvalidData(IReadOnlyList<RequestProblem> problems, int? total = null)
    {
        var count = total ?? problems.Count;
        var message = count == 1 ? $"invalid data: {problems[0]}" : $"invalid data: {count} problems; the first: {problems[0]}";
        return new ServingException(400, "invalid_data", message, problems, count);
    }

    /// <summary>400 for one problem at a known place.</summary>
    public static ServingException At(RequestProblem problem) => InvalidData([problem]);

    public static ServingException UnsupportedMediaType(string message) => new(415, "unsupported_media_type", message);

    public static ServingException NotAcceptable(string message) => new(406, "not_acceptable", message);

    public static ServingException PayloadTooLarge(long limit) =>
        new(413, "payload_too_large", $"the request body is larger than {limit} bytes ({limit / (1024.0 * 1024.0):0.##} MiB), the endpoint's limit; split it into smaller requests.");
}
