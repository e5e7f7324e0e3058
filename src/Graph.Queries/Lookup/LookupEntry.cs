namespace Graph.Queries.Lookup;

/// <summary>One findable entity: its id, display name and every name it goes by (aliases, acronym, id).</summary>
public sealed record LookupEntry(EntityKind Kind, string Id, string Name, IReadOnlyList<string> Variants)
{
    public override string ToString() => $"{Name} ({Kind.ToString().ToLowerInvariant()} {Id})";
}
