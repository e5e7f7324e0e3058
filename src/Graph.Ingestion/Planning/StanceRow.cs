namespace Graph.Ingestion.Planning;

/// <summary>One stance as it should be in the store: (expert)-[ENDORSES|CRITICIZES {properties}]->(claim).</summary>
public sealed class StanceRow
{
    public StanceRow(string expert, string claim, string type, Dictionary<string, object?> properties)
    {
        Expert = expert;
        Claim = claim;
        Type = type;
        // Takes ownership of the dictionary: one per stance, not a copy (a million stances make this count).
        properties["type"] = type;
        Hash = ContentHash.Of(properties, null);
        properties.Remove("type");
        properties["hash"] = Hash;
        Properties = properties;
    }

    public string Expert { get; }
    public string Claim { get; }
    public string Type { get; }
    public string Hash { get; }
    public string Source => (string)Properties["source"]!;
    public Dictionary<string, object?> Properties { get; }

    public StanceKey Key => new(Source, Expert, Claim);

    public Dictionary<string, object?> ToUpsertRow() => new() { ["expert"] = Expert, ["claim"] = Claim, ["source"] = Source, ["properties"] = Properties };
}
