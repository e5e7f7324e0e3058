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
        [StatusCodes.SyntaxError] = new("42001", "error: syntax error or access rule violation - invalid syntax"),
        [StatusCodes.SemanticError] = new("42001", "error: syntax error or access rule violation - invalid syntax"),
        [StatusCodes.ParameterMissing] = new("42N51", "error: syntax error or access rule violation - invalid parameter"),
        [StatusCodes.TypeError] = new("22G03", "error: data exception - invalid value type"),
        [StatusCodes.ArgumentError] = new("22N11", "error: data exception - invalid argument"),
        [StatusCodes.ArithmeticError] = new("22003", "error: data exception - numeric value out of range"),
        [StatusCodes.EntityNotFound] = new("22N11", "error: data exception - invalid argument"),
        [StatusCodes.ConstraintValidationFailed] = new("22N79", "error: data exception - property uniqueness constraint violated"),
        [StatusCodes.Unauthorized] = new("42NFF", "error: syntax error or access rule violation - permission/access denied"),
        [StatusCodes.Forbidden] = new("42NFF", "error: syntax error or access rule violation - permission/access denied"),
        [StatusCodes.AccessMode] = new("42NFF", "error: syntax error or access rule violation - permission/access denied"),
        [StatusCodes.DatabaseNotFound] = new("22N51", "error: data exception - graph reference not found"),
        [StatusCodes.TransactionNotFound] = new("25N05", "error: invalid transaction state - transaction closed"),
        [StatusCodes.TransactionTimedOut] = new("25N05", "error: invalid transaction state - transaction closed"),
        [StatusCodes.TransactionTerminated] = new("25N05", "error: invalid transaction state - transaction closed"),
        [StatusCodes.InvalidRequest] = new("08N06", "error: connection exception - protocol error"),
        [StatusCodes.InvalidFormat] = new("08N06", "error: connection exception - protocol error"),
        [StatusCodes.ServiceUnavailable] = new("08N00", "error: connection exception - unable to connect to database"),
        [StatusCodes.TransientLockError] = new("50N05", "error: general processing exception - deadlock detected"),
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
