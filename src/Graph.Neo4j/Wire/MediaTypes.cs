namespace Graph.Neo4j.Wire;

/// <summary>The media types of the Neo4j Query API.</summary>
public static class MediaTypes
{
    /// <summary>Typed JSON: every value is <c>{"$type": ..., "_value": ...}</c>.</summary>
    public const string TypedJson = "application/vnd.neo4j.query";

    /// <summary>Plain JSON: values mapped onto the closest JSON type (the API's default).</summary>
    public const string PlainJson = "application/json";

    /// <summary>
    /// True for the typed media type in any of its spellings: Neo4j 5.x documents
    /// "application/vnd.neo4j.query", 2025.x also "application/vnd.neo4j.query.v1.1".
    /// </summary>
    public static bool IsTyped(string? mediaType) =>
        mediaType is not null && mediaType.Trim().StartsWith(TypedJson, StringComparison.OrdinalIgnoreCase);

    public static bool IsPlain(string? mediaType) =>
        mediaType is not null && mediaType.Trim().StartsWith(PlainJson, StringComparison.OrdinalIgnoreCase);
}
