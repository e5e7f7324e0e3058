namespace Graph.Server.QueryApi;

/// <summary>A request the Query API refuses before it reaches the store: an HTTP status, a Neo4j code and a message that says what to fix.</summary>
internal sealed class QueryApiProblem(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    /// <summary>Sent as the Retry-After header when set (a login lock).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
