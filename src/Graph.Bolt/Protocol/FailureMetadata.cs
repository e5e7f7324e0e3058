using Graph.Client;

namespace Graph.Bolt.Protocol;

/// <summary>
/// FAILURE metadata as Neo4j sends it: <c>{code, message}</c> up to Bolt 5.6; from 5.7 <c>{neo4j_code, message,
/// gql_status, description, diagnostic_record}</c>, the record carrying the classification and, for errors in the
/// query text, the position.
/// </summary>
public static class FailureMetadata
{
    public static Dictionary<string, object?> For(BoltVersion version, string code, string message, InputPosition? position = null)
    {
        if (!version.HasGqlErrors) return new() { ["code"] = code, ["message"] = message };
        var gql = GqlStatus.For(code);
        var diagnostics = new Dictionary<string, object?>
        {
            ["OPERATION"] = "",
            ["OPERATION_CODE"] = "0",
            ["CURRENT_SCHEMA"] = "/",
            ["_classification"] = GqlStatus.Classification(code),
        };
        if (position is { } p)
            diagnostics["_position"] = new Dictionary<string, object?> { ["offset"] = (long)p.Offset, ["line"] = (long)p.Line, ["column"] = (long)p.Column };
        return new()
        {
            ["neo4j_code"] = code,
            ["message"] = message,
            ["gql_status"] = gql.Status,
            ["description"] = $"{gql.Condition}. {message}",
            ["diagnostic_record"] = diagnostics,
        };
    }

    public static Dictionary<string, object?> For(BoltVersion version, GraphException e) => For(version, e.Code, e.Message, e.Position);

    /// <summary>Reads a FAILURE's metadata (any version) as the contract's exception.</summary>
    public static GraphException ToException(IReadOnlyDictionary<string, object?> metadata)
    {
        var code = metadata.GetValueOrDefault("neo4j_code") as string
                   ?? metadata.GetValueOrDefault("code") as string
                   ?? Neo4jStatus.UnknownError;
        var message = metadata.GetValueOrDefault("message") as string ?? "The server reported a failure without a message.";
        var error = Neo4jStatus.Create(code, message);
        if (metadata.GetValueOrDefault("diagnostic_record") is IReadOnlyDictionary<string, object?> record &&
            record.GetValueOrDefault("_position") is IReadOnlyDictionary<string, object?> position &&
            position.GetValueOrDefault("offset") is long offset && position.GetValueOrDefault("line") is long line &&
            position.GetValueOrDefault("column") is long column)
            return WithPosition(error, new InputPosition((int)offset, (int)line, (int)column));
        return error;
    }

    private static GraphException WithPosition(GraphException e, InputPosition position) => e switch
    {
        AuthenticationException a => a,
        ClientException c => new ClientException(c.Code, c.Message) { Position = position, Phase = ErrorPhase.CompileTime },
        TransientException t => new TransientException(t.Code, t.Message) { Position = position },
        DatabaseException d => new DatabaseException(d.Code, d.Message) { Position = position },
        _ => e,
    };
}
