using System.Globalization;

namespace Graph.Bolt.Protocol;

/// <summary>
/// The integer "id" Bolt still sends beside element ids (and alone before 5.0). Element ids that end in a number
/// (ours: "node:42"; Neo4j's: "4:…:42") give that number; any other gets a stable hash, so a 4.x client can still
/// tell entities apart.
/// </summary>
public static class ElementIdentity
{
    public static long LegacyId(string elementId)
    {
        var colon = elementId.LastIndexOf(':');
        if (long.TryParse(elementId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return id;
        // FNV-1a, kept positive: stable across processes (string.GetHashCode is not).
        var hash = 14695981039346656037UL;
        foreach (var c in elementId)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return (long)(hash & long.MaxValue);
    }
}
