using System.Globalization;

namespace Graph.Engine.Runtime;

/// <summary>
/// Element ids as clients see them: "node:12" and "relationship:7". Nodes and relationships have separate id
/// spaces in storage, so the prefix keeps the two kinds apart (a graph view keys both by element id), as Neo4j's do.
/// </summary>
internal static class ElementIds
{
    private const string NodePrefix = "node:";
    private const string RelationshipPrefix = "relationship:";

    public static string Node(long id) => NodePrefix + id.ToString(CultureInfo.InvariantCulture);
    public static string Relationship(long id) => RelationshipPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseNode(string elementId, out long id) => TryParse(elementId, NodePrefix, out id);
    public static bool TryParseRelationship(string elementId, out long id) => TryParse(elementId, RelationshipPrefix, out id);

    private static bool TryParse(string elementId, string prefix, out long id)
    {
        id = -1;
        return elementId.StartsWith(prefix, StringComparison.Ordinal)
               && long.TryParse(elementId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
