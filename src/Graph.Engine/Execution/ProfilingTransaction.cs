using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// A storage transaction that counts store accesses (Neo4j's "db hits") for PROFILE: one per call, and one per node or
/// relationship an enumeration yields. Everything else is the wrapped transaction's.
/// </summary>
internal sealed class ProfilingTransaction(StorageTransaction inner, ExecutionProfile profile) : StorageTransaction
{
    private T Hit<T>(T value)
    {
        profile.DbHit();
        return value;
    }

    private IEnumerable<T> Each<T>(IEnumerable<T> items)
    {
        profile.DbHit();
        foreach (var item in items)
        {
            profile.DbHit();
            yield return item;
        }
    }

    public override bool IsWrite => inner.IsWrite;
    public override bool IsOpen => inner.IsOpen;

    public override IEnumerable<long> AllNodes() => Each(inner.AllNodes());
    public override IEnumerable<long> NodesWithLabel(int label) => Each(inner.NodesWithLabel(label));
    public override bool NodeExists(long node) => Hit(inner.NodeExists(node));
    public override IReadOnlyList<int> NodeLabels(long node) => Hit(inner.NodeLabels(node));
    public override bool NodeHasLabel(long node, int label) => Hit(inner.NodeHasLabel(node, label));
    public override object? NodeProperty(long node, int key) => Hit(inner.NodeProperty(node, key));
    public override void PrefetchNode(long node, int step) => inner.PrefetchNode(node, step);
    public override void PrefetchRelationships(long node, int step, IReadOnlyList<int>? types) => inner.PrefetchRelationships(node, step, types);
    public override LabelBits? LabelMembers(int label, long lookups) => Hit(inner.LabelMembers(label, lookups));
    // one access when a bitmap is read; a statement that gets none counts its lookups as before
    public override LabelBits? KnownLabelMembers(int label, int lookups) => inner.KnownLabelMembers(label, lookups) is { } bits ? Hit(bits) : null;
    public override IReadOnlyList<KeyValuePair<int, object>> NodeProperties(long node) => Hit(inner.NodeProperties(node));

    public override bool RelationshipExists(long rel) => Hit(inner.RelationshipExists(rel));
    public override RelationshipRef Relationship(long rel) => Hit(inner.Relationship(rel));
    public override IEnumerable<long> AllRelationships() => Each(inner.AllRelationships());
    public override IEnumerable<RelationshipRef> Relationships(long node, Direction direction, IReadOnlyList<int>? types = null) =>
        Each(inner.Relationships(node, direction, types));
    public override void ReadRelationships(long node, Direction direction, IReadOnlyList<int>? types, List<RelationshipRef> into)
    {
        // counted like the enumeration: one hit for the call, one per relationship
        profile.DbHit();
        var before = into.Count;
        inner.ReadRelationships(node, direction, types, into);
        for (var i = before; i < into.Count; i++) profile.DbHit();
    }
    public override void ReadNeighbours(long node, Direction direction, IReadOnlyList<int>? types, NeighbourList into)
    {
        // counted as ReadRelationships is
        profile.DbHit();
        var before = into.Count;
        inner.ReadNeighbours(node, direction, types, into);
        for (var i = before; i < into.Count; i++) profile.DbHit();
    }
    public override void ReadNeighbourNodes(long node, Direction direction, IReadOnlyList<int>? types, NeighbourNodes into)
    {
        // counted as ReadRelationships is
        profile.DbHit();
        var before = into.Count;
        inner.ReadNeighbourNodes(node, direction, types, into);
        for (var i = before; i < into.Count; i++) profile.DbHit();
    }
    public override int Degree(long node, Direction direction, IReadOnlyList<int>? types = null) => Hit(inner.Degree(node, direction, types));
    public override object? RelationshipProperty(long rel, int key) => Hit(inner.RelationshipProperty(rel, key));
    public override IReadOnlyList<KeyValuePair<int, object>> RelationshipProperties(long rel) => Hit(inner.RelationshipProperties(rel));

    public override IReadOnlyList<IndexDefinition> Indexes => inner.Indexes;
    public override IReadOnlyList<ConstraintDefinition> Constraints => inner.Constraints;
    public override IEnumerable<long> NodesByProperty(int label, int key, object value) => Each(inner.NodesByProperty(label, key, value));
    public override bool HasIndex(int label, int key) => inner.HasIndex(label, key);

    public override long CreateNode(IReadOnlyList<int> labels, IReadOnlyList<KeyValuePair<int, object>> properties) => Hit(inner.CreateNode(labels, properties));
    public override bool AddLabel(long node, int label) => Hit(inner.AddLabel(node, label));
    public override bool RemoveLabel(long node, int label) => Hit(inner.RemoveLabel(node, label));
    public override bool SetNodeProperty(long node, int key, object? value) => Hit(inner.SetNodeProperty(node, key, value));
    public override void DeleteNode(long node)
    {
        profile.DbHit();
        inner.DeleteNode(node);
    }
    public override long CreateRelationship(int type, long start, long end, IReadOnlyList<KeyValuePair<int, object>> properties) =>
        Hit(inner.CreateRelationship(type, start, end, properties));
    public override bool SetRelationshipProperty(long rel, int key, object? value) => Hit(inner.SetRelationshipProperty(rel, key, value));
    public override void DeleteRelationship(long rel)
    {
        profile.DbHit();
        inner.DeleteRelationship(rel);
    }

    public override void CreateIndex(IndexDefinition index) => inner.CreateIndex(index);
    public override void DropIndex(string name) => inner.DropIndex(name);
    public override void CreateUniqueConstraint(ConstraintDefinition constraint) => inner.CreateUniqueConstraint(constraint);
    public override void DropConstraint(string name) => inner.DropConstraint(name);

    // The statement's owner (session or transaction) ends the transaction through the real one, never through this view.
    public override void LockForWriting() => inner.LockForWriting();
    public override int CreateSavepoint() => inner.CreateSavepoint();
    public override void RollbackToSavepoint(int savepoint) => inner.RollbackToSavepoint(savepoint);
    public override void Commit() => inner.Commit();
    public override void Rollback() => inner.Rollback();
    public override void Dispose() { }
}
