namespace Graph.Client;

/// <summary>
/// Base of every error a store reports. <see cref="Code"/> is a Neo4j status code
/// ("Neo.ClientError.Statement.SyntaxError"); see <see cref="Neo4jStatus"/>.
/// </summary>
public class GraphException : Exception
{
    public GraphException(string code, string message, Exception? inner = null) : base(message, inner)
    {
        Code = code;
    }

    public string Code { get; }

    /// <summary>Where in the query the error is, for compile-time errors (and some runtime ones).</summary>
    public InputPosition? Position { get; init; }

    public ErrorPhase Phase { get; init; } = ErrorPhase.Runtime;

    /// <summary>
    /// The openCypher TCK's detail name when known ("UndefinedVariable", "InvalidArgumentType", ...).
    /// Neo4j does not send it; the embedded engine does.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>The last segment of the code: "SyntaxError", "TypeError", ...</summary>
    public string Title => Code[(Code.LastIndexOf('.') + 1)..];

    /// <summary>"ClientError", "TransientError" or "DatabaseError".</summary>
    public string Classification => Code.Split('.') is { Length: >= 2 } parts ? parts[1] : "DatabaseError";

    public bool IsTransient => Classification == "TransientError";
}
