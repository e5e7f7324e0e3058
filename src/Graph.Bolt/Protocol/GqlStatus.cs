using Graph.Client;

namespace Graph.Bolt.Protocol;

/// <summary>
/// The GQL status Neo4j pairs with each of its status codes in FAILURE messages from Bolt 5.7 on, with the
/// condition text its description starts with. Codes without a specific entry get Neo4j's default, 50N42
/// ("unexpected error"), as Neo4j itself does for exceptions that have no GQL status yet.
/// </summary>
public static class GqlStatus
{
    public sealed record Entry(string Status, string Condition);

    private static readonly Entry Unexpected = new("50N42", "error: general processing exception - unexpected error");

    private static readonly Dictionary<string, Entry> ByCode = new(StringComparer.Ordinal)
    {
        [Neo4jStatus.SyntaxError] = new("42001", "error: syntax error or access rule violation - invalid syntax"),
        [Neo4jStatus.SemanticError] = new("42001", "error: syntax error or access rule violation - invalid syntax"),
        [Neo4jStatus.ParameterMissing] = new("42N51", "error: syntax error or access rule violation - invalid parameter"),
        [Neo4jStatus.TypeError] = new("22G03", "error: data exception - invalid value type"),
        [Neo4jStatus.ArgumentError] = new("22N11", "error: data exception - invalid argument"),
        [Neo4jStatus.ArithmeticError] = new("22003", "error: data exception - numeric value out of range"),
        [Neo4jStatus.EntityNotFound] = new("22N11", "error: data exception - invalid argument"),
        [Neo4jStatus.ConstraintValidationFailed] = new("22N79", "error: data exception - property uniqueness constraint violated"),
        [Neo4jStatus.Unauthorized] = new("42NFF", "error: syntax error or access rule violation - permission/access denied"),
        [Neo4jStatus.Forbidden] = new("42NFF", "error: syntax error or access rule violation - permission/access denied"),
        [Neo4jStatus.AccessMode] = new("42NFF", "error: syntax error or access rule violation - permission/access denied"),
        [Neo4jStatus.DatabaseNotFound] = new("22N51", "error: data exception - graph reference not found"),
        [Neo4jStatus.TransactionNotFound] = new("25N05", "error: invalid transaction state - transaction closed"),
        [Neo4jStatus.TransactionTimedOut] = new("25N05", "error: invalid transaction state - transaction closed"),
        [Neo4jStatus.TransactionTerminated] = new("25N05", "error: invalid transaction state - transaction closed"),
        [Neo4jStatus.InvalidRequest] = new("08N06", "error: connection exception - protocol error"),
        [Neo4jStatus.InvalidFormat] = new("08N06", "error: connection exception - protocol error"),
        [Neo4jStatus.ServiceUnavailable] = new("08N00", "error: connection exception - unable to connect to database"),
        [Neo4jStatus.TransientLockError] = new("50N05", "error: general processing exception - deadlock detected"),
    };

    public static Entry For(string code) => ByCode.GetValueOrDefault(code, Unexpected);

    /// <summary>"CLIENT_ERROR", "TRANSIENT_ERROR" or "DATABASE_ERROR", from the Neo4j code.</summary>
    public static string Classification(string code) => code.Split('.') is { Length: >= 2 } parts
        ? parts[1] switch
        {
            "ClientError" => "CLIENT_ERROR",
            "TransientError" => "TRANSIENT_ERROR",
            _ => "DATABASE_ERROR",
        }
        : "DATABASE_ERROR";
}
