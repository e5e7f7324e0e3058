using System.Globalization;
using System.Text.RegularExpressions;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// Between the contract's exceptions and the Query API's <c>{"errors": [{"code", "message"}]}</c>.
/// Neo4j carries the position of a compile-time error only inside the message text
/// ("... (line 1, column 8 (offset: 7))"), so that is where we put it and where we read it back.
/// </summary>
public static partial class ErrorMapping
{
    [GeneratedRegex(@"line (\d+), column (\d+) \(offset: (\d+)\)")]
    private static partial Regex PositionPattern();

    /// <summary>The exception for an error a server sent, with the position parsed from the message.</summary>
    public static GraphException ToException(QueryApiError error)
    {
        var position = ParsePosition(error.Message);
        var phase = error.Code is Neo4jStatus.SyntaxError or Neo4jStatus.SemanticError || error.Code.EndsWith("ParameterMissing", StringComparison.Ordinal)
            ? ErrorPhase.CompileTime
            : ErrorPhase.Runtime;
        // Neo4jStatus.Create decides the class from the code's classification; we rebuild it only to
        // attach the position and phase, which are init-only.
        return Neo4jStatus.Create(error.Code, error.Message) switch
        {
            AuthenticationException => new AuthenticationException(error.Message) { Position = position, Phase = phase },
            ClientException => new ClientException(error.Code, error.Message) { Position = position, Phase = phase },
            TransientException => new TransientException(error.Code, error.Message) { Position = position, Phase = phase },
            _ => new DatabaseException(error.Code, error.Message) { Position = position, Phase = phase },
        };
    }

    public static InputPosition? ParsePosition(string message)
    {
        var match = PositionPattern().Match(message);
        if (!match.Success) return null;
        int At(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new InputPosition(At(3), At(1), At(2));
    }

    /// <summary>The message a server sends: the exception's message, with its position appended the Neo4j way when known.</summary>
    public static string ToMessage(GraphException exception) =>
        exception.Position is { } p && ParsePosition(exception.Message) is null
            ? $"{exception.Message} (line {p.Line}, column {p.Column} (offset: {p.Offset}))"
            : exception.Message;

    /// <summary>
    /// The HTTP status our server answers an error with: 401 for credentials, 403 for permissions,
    /// 404 for an unknown database or transaction, 429 for a login lock or too many open transactions,
    /// 400 for other client errors, 503 for other transient errors, 500 for database errors.
    /// </summary>
    public static int HttpStatusFor(string code) => code switch
    {
        Neo4jStatus.Unauthorized => 401,
        Neo4jStatus.Forbidden => 403,
        Neo4jStatus.DatabaseNotFound or Neo4jStatus.TransactionNotFound => 404,
        Neo4jStatus.AuthenticationRateLimit or Neo4jStatus.MaximumTransactionLimitReached => 429,
        _ when code.StartsWith("Neo.ClientError.", StringComparison.Ordinal) => 400,
        _ when code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) => 503,
        _ => 500,
    };

    /// <summary>The exception for an HTTP failure status that came without an <c>errors</c> body.</summary>
    public static GraphException FromHttpStatus(int status, string reason, string endpoint) => status switch
    {
        401 => new AuthenticationException($"The server at {endpoint} rejected the credentials (HTTP 401 {reason})."),
        403 => new ClientException(Neo4jStatus.Forbidden, $"The server at {endpoint} refused the request (HTTP 403 {reason})."),
        404 => new ClientException(Neo4jStatus.InvalidRequest, $"{endpoint} was not found (HTTP 404 {reason}): is this a Neo4j 5.26+ server with the Query API enabled, and does the database exist?"),
        413 => new ClientException(Neo4jStatus.RequestTooLarge, $"The request to {endpoint} is larger than the server accepts (HTTP 413 {reason})."),
        408 or 429 or 502 or 503 or 504 => new TransientException(Neo4jStatus.ServiceUnavailable, $"{endpoint} is temporarily unavailable (HTTP {status} {reason})."),
        >= 500 => new DatabaseException(Neo4jStatus.UnknownError, $"{endpoint} failed (HTTP {status} {reason})."),
        _ => new ClientException(Neo4jStatus.InvalidRequest, $"{endpoint} rejected the request (HTTP {status} {reason})."),
    };
}
