using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The answers of one hop's fused WHERE conjuncts per far node (<see cref="ChainFilter"/>), kept while the start row
/// stays the same: an ally reached through forty shared claims has <c>b.id &lt;&gt; a.id</c> evaluated once.
/// </summary>
internal sealed class NodeFilterMemo(MemoryAccount account)
{
    private readonly Dictionary<long, bool> _passes = [];

    public bool TryGet(long node, out bool passes) => _passes.TryGetValue(node, out passes);

    public void Add(long node, bool passes)
    {
        _passes[node] = passes;
        account.Reserve(ValueSize.DictionaryEntry);
    }

    /// <summary>Forgets every answer: the start row changed, and the conjuncts may read it.</summary>
    public void Clear()
    {
        account.Release(_passes.Count * ValueSize.DictionaryEntry);
        _passes.Clear();
    }
}
