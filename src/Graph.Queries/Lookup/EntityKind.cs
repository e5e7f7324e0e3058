namespace Graph.Queries.Lookup;

public enum EntityKind
{
    Expert,
    Institution,
    Claim,
    Paradigm,
}
