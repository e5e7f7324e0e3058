namespace Graph.Storage;

/// <summary>A relationship as seen by a transaction. Other is the far end relative to the node it was expanded from.</summary>
public readonly record struct RelationshipRef(long Id, int Type, long Start, long End)
{
    public long OtherEnd(long node) => node == Start ? End : Start;
}
