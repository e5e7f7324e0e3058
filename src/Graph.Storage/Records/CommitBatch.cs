namespace Graph.Storage.Records;

internal enum ChangeKind : byte
{
    Create = 0,
    Update = 1,
    Delete = 2,
}

/// <summary>The full new state of a node (create/update) or its deletion.</summary>
internal readonly record struct NodeChange(long Id, ChangeKind Kind, int[] Labels, KeyValuePair<int, object>[] Properties);

/// <summary>A relationship created, its new properties, or its deletion.</summary>
internal readonly record struct RelChange(long Id, ChangeKind Kind, int Type, long Start, long End, KeyValuePair<int, object>[] Properties);

/// <summary>
/// The logical changes of one committed transaction. The same batch is written to the log and applied
/// to memory, so recovery replays exactly what a commit applied.
/// </summary>
internal sealed class CommitBatch
{
    public long Version;
    public long NextNodeId;
    public long NextRelId;
    public TokenEntry[] Tokens = [];
    public readonly List<NodeChange> Nodes = [];
    public readonly RelChanges Relationships = new();
    public readonly List<SchemaOp> Schema = [];

    public bool HasDataOrSchema => Nodes.Count > 0 || Relationships.Count > 0 || Schema.Count > 0;
}
