namespace Graph.Storage.Tests;

/// <summary>
/// Random transactions (with savepoint rollbacks and aborted transactions) against the store and against
/// a plain dictionary model of the same graph; after every transaction, and after reopening from disk,
/// the store must answer exactly like the model.
/// </summary>
public class ModelTests
{
    private sealed record ModelNode(HashSet<int> Labels, Dictionary<int, object> Props);
    private sealed record ModelRel(int Type, long Start, long End, Dictionary<int, object> Props);

    private sealed class Model
    {
        public Dictionary<long, ModelNode> Nodes = new();
        public Dictionary<long, ModelRel> Rels = new();

        public Model Clone() => new()
        {
            Nodes = Nodes.ToDictionary(p => p.Key, p => new ModelNode([.. p.Value.Labels], new(p.Value.Props))),
            Rels = Rels.ToDictionary(p => p.Key, p => p.Value with { Props = new(p.Value.Props) }),
        };
    }

    private static readonly object[] Values = [1L, 1.0, 2L, 2.5, "a", "b", true, new object[] { 1L, 2L }];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_transactions_match_a_model_in_memory_and_after_reopen(int seed)
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var model = new Model();
        // Readers left open across later commits must keep seeing their snapshot.
        var openReaders = new List<(StorageTransaction Tx, Model Seen, int Until)>();
        ConstraintDefinition? constraint = null;
        var store = GraphStore.Open(new StoreOptions { Directory = dir.Path, SyncOnCommit = false, SnapshotThresholdBytes = 20_000 });
        try
        {
            int[] labels = [store.Label("A"), store.Label("B")];
            int[] keys = [store.Key("k"), store.Key("m")];
            int[] types = [store.Type("R"), store.Type("S")];
            for (var round = 0; round < 60; round++)
            {
                if (round == 20)
                    store.Write(tx => { tx.CreateIndex(new IndexDefinition("a_k", labels[0], [keys[0]], false)); return 0; });
                if (round is 10 or 30 && constraint is null)
                {
                    using var schemaTx = store.BeginTransaction(write: true);
                    var duplicates = model.Nodes.Values.Where(n => n.Labels.Contains(labels[1]) && n.Props.ContainsKey(keys[1]))
                        .GroupBy(n => Key(n.Props[keys[1]])).Any(g => g.Count() > 1);
                    var definition = new ConstraintDefinition("b_m", labels[1], [keys[1]]);
                    if (duplicates)
                    {
                        Assert.Throws<ConstraintViolationException>(() => schemaTx.CreateUniqueConstraint(definition));
                    }
                    else
                    {
                        schemaTx.CreateUniqueConstraint(definition);
                        constraint = definition;
                    }
                    schemaTx.Commit();
                }
                if (round == 40)
                {
                    store.Dispose();
                    store = GraphStore.Open(new StoreOptions { Directory = dir.Path, SyncOnCommit = false, SnapshotThresholdBytes = 20_000 });
                    Compare(store, model, labels, keys);
                }
                foreach (var reader in openReaders.Where(r => r.Until == round).ToArray())
                {
                    Compare(reader.Tx, reader.Seen, labels, keys);
                    reader.Tx.Dispose();
                    openReaders.Remove(reader);
                }
                if (round % 7 == 3 && round < 36)
                    openReaders.Add((store.BeginTransaction(write: false), model.Clone(), round + random.Next(1, 5)));
                var working = model.Clone();
                using var tx = store.BeginTransaction(write: true);
                var statements = random.Next(1, 6);
                for (var s = 0; s < statements; s++)
                {
                    var savepoint = tx.CreateSavepoint();
                    var before = working.Clone();
                    for (var op = random.Next(1, 8); op > 0; op--) RandomOperation(tx, working, random, labels, keys, types, constraint);
                    if (random.Next(4) == 0)
                    {
                        tx.RollbackToSavepoint(savepoint);
                        working = before;
                    }
                }
                if (random.Next(6) == 0)
                {
                    tx.Rollback();
                }
                else
                {
                    tx.Commit();
                    model = working;
                }
                Compare(store, model, labels, keys);
            }
            store.Dispose();
            store = GraphStore.Open(new StoreOptions { Directory = dir.Path });
            Compare(store, model, labels, keys);
        }
        finally
        {
            store.Dispose();
        }
    }

    /// <summary>Cypher equality classes of the test values: 1 and 1.0 collide, lists element-wise.</summary>
    private static string Key(object value) => value switch
    {
        long l => l.ToString(),
        double d when d == Math.Floor(d) => ((long)d).ToString(),
        object[] list => "[" + string.Join(",", list.Select(Key)) + "]",
        _ => value.GetType().Name + ":" + value,
    };

    /// <summary>Store first, model after: an operation the store rejects must leave no trace in either.</summary>
    private static void RandomOperation(StorageTransaction tx, Model m, Random random, int[] labels, int[] keys, int[] types, ConstraintDefinition? constraint)
    {
        (long Id, HashSet<int> Labels, Dictionary<int, object> Props) wouldBe = default;
        try
        {
            Operation(tx, m, random, labels, keys, types, (id, l, p) => wouldBe = (id, l, p));
        }
        catch (ConstraintViolationException)
        {
            // Legitimate only if another node already holds the constrained value.
            Assert.NotNull(constraint);
            Assert.NotNull(wouldBe.Labels);
            Assert.NotNull(wouldBe.Props);
            Assert.True(wouldBe.Labels.Contains(constraint.Label) && wouldBe.Props.ContainsKey(constraint.PropertyKeys[0]));
            var value = Key(wouldBe.Props[constraint.PropertyKeys[0]]);
            Assert.Contains(m.Nodes, n => n.Key != wouldBe.Id && n.Value.Labels.Contains(constraint.Label)
                && n.Value.Props.TryGetValue(constraint.PropertyKeys[0], out var v) && Key(v) == value);
        }
    }

    private static void Operation(StorageTransaction tx, Model m, Random random, int[] labels, int[] keys, int[] types, Action<long, HashSet<int>, Dictionary<int, object>> intends)
    {
        var nodeIds = m.Nodes.Keys.ToArray();
        var relIds = m.Rels.Keys.ToArray();
        long AnyNode() => nodeIds[random.Next(nodeIds.Length)];
        switch (nodeIds.Length < 3 ? 0 : random.Next(8))
        {
            case 0:
            {
                var nodeLabels = labels.Where(_ => random.Next(2) == 0).ToArray();
                var props = keys.Where(_ => random.Next(2) == 0).Select(k => new KeyValuePair<int, object>(k, Values[random.Next(Values.Length)])).ToArray();
                intends(-1, [.. nodeLabels], props.ToDictionary(p => p.Key, p => p.Value));
                var id = tx.CreateNode(nodeLabels, props);
                m.Nodes[id] = new ModelNode([.. nodeLabels], props.ToDictionary(p => p.Key, p => p.Value));
                break;
            }
            case 1:
            {
                var id = AnyNode();
                var key = keys[random.Next(keys.Length)];
                var value = random.Next(5) == 0 ? null : Values[random.Next(Values.Length)];
                var props = new Dictionary<int, object>(m.Nodes[id].Props);
                if (value is not null) props[key] = value;
                intends(id, m.Nodes[id].Labels, props);
                tx.SetNodeProperty(id, key, value);
                if (value is null) m.Nodes[id].Props.Remove(key);
                else m.Nodes[id].Props[key] = value;
                break;
            }
            case 2:
            {
                var id = AnyNode();
                var label = labels[random.Next(labels.Length)];
                intends(id, [.. m.Nodes[id].Labels, label], m.Nodes[id].Props);
                var added = tx.AddLabel(id, label);
                Assert.Equal(m.Nodes[id].Labels.Add(label), added);
                break;
            }
            case 3:
            {
                var id = AnyNode();
                var label = labels[random.Next(labels.Length)];
                Assert.Equal(m.Nodes[id].Labels.Remove(label), tx.RemoveLabel(id, label));
                break;
            }
            case 4:
            case 5:
            {
                long start = AnyNode(), end = random.Next(5) == 0 ? start : AnyNode();
                var type = types[random.Next(types.Length)];
                var props = random.Next(2) == 0 ? [] : new[] { new KeyValuePair<int, object>(keys[0], Values[random.Next(Values.Length)]) };
                var id = tx.CreateRelationship(type, start, end, props);
                m.Rels[id] = new ModelRel(type, start, end, props.ToDictionary(p => p.Key, p => p.Value));
                break;
            }
            case 6:
            {
                if (relIds.Length == 0) break;
                var id = relIds[random.Next(relIds.Length)];
                if (random.Next(2) == 0)
                {
                    tx.SetRelationshipProperty(id, keys[1], 7L);
                    m.Rels[id].Props[keys[1]] = 7L;
                }
                else
                {
                    tx.DeleteRelationship(id);
                    m.Rels.Remove(id);
                }
                break;
            }
            default:
            {
                var id = AnyNode();
                foreach (var rel in tx.Relationships(id, Direction.Both).ToArray())
                {
                    tx.DeleteRelationship(rel.Id);
                    m.Rels.Remove(rel.Id);
                }
                tx.DeleteNode(id);
                m.Nodes.Remove(id);
                break;
            }
        }
    }

    private static void Compare(IGraphStore store, Model m, int[] labels, int[] keys)
    {
        using var tx = store.BeginTransaction(write: false);
        Assert.Equal(m.Nodes.Count, store.NodeCount);
        Assert.Equal(m.Rels.Count, store.RelationshipCount);
        foreach (var label in labels)
            Assert.Equal(m.Nodes.Count(n => n.Value.Labels.Contains(label)), store.CountNodesWithLabel(label));
        Compare(tx, m, labels, keys);
    }

    private static void Compare(StorageTransaction tx, Model m, int[] labels, int[] keys)
    {
        Assert.Equal(m.Nodes.Keys.Order(), tx.AllNodes().Order());
        Assert.Equal(m.Rels.Keys.Order(), tx.AllRelationships().Order());
        foreach (var (id, node) in m.Nodes)
        {
            Assert.Equal(node.Labels.Order(), tx.NodeLabels(id).Order());
            Assert.Equal(node.Props.Count, tx.NodeProperties(id).Count);
            foreach (var (key, value) in node.Props) Assert.Equal(value, tx.NodeProperty(id, key));
            foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming, Direction.Both })
            {
                var expected = m.Rels.Where(r => direction switch
                {
                    Direction.Outgoing => r.Value.Start == id,
                    Direction.Incoming => r.Value.End == id,
                    _ => r.Value.Start == id || r.Value.End == id,
                }).Select(r => r.Key).Order().ToArray();
                Assert.Equal(expected, tx.Relationships(id, direction).Select(r => r.Id).Order());
                Assert.Equal(expected.Length, tx.Degree(id, direction));
            }
        }
        foreach (var (id, rel) in m.Rels)
        {
            Assert.Equal(new RelationshipRef(id, rel.Type, rel.Start, rel.End), tx.Relationship(id));
            Assert.Equal(rel.Props.Count, tx.RelationshipProperties(id).Count);
            foreach (var (key, value) in rel.Props) Assert.Equal(value, tx.RelationshipProperty(id, key));
        }
        foreach (var label in labels)
        {
            Assert.Equal(m.Nodes.Where(n => n.Value.Labels.Contains(label)).Select(n => n.Key).Order(), tx.NodesWithLabel(label).Order());
            foreach (var key in keys)
                foreach (var value in Values)
                {
                    var expected = m.Nodes.Where(n => n.Value.Labels.Contains(label) && n.Value.Props.TryGetValue(key, out var v) && CypherEqual(v, value));
                    Assert.Equal(expected.Select(n => n.Key).Order(), tx.NodesByProperty(label, key, value).Order());
                }
        }
    }

    private static bool CypherEqual(object a, object b) => (a, b) switch
    {
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        (object[] x, object[] y) => x.Length == y.Length && x.Zip(y).All(p => CypherEqual(p.First, p.Second)),
        _ => a.Equals(b),
    };
}
