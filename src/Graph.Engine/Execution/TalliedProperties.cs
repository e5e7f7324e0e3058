using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// What a <see cref="ChainCountOp"/> reads of each node its last hop tallied (<see cref="NodeTally"/>), when that is
/// properties only: every WHERE conjunct of the hop compares one property of the far node with a value that does not
/// read it (<see cref="EndCondition"/>, as <see cref="ReachCountOp"/> tests an end), and every grouping key of the far
/// node is one of its properties (<c>b.id</c>). The tallied nodes' properties are then read by the store for many nodes
/// at once (<see cref="TallyFlush"/>), instead of through a node value and a compiled expression per node, each
/// property read once for the conjuncts and the keys, and a record chain prefetched for every node.
/// </summary>
/// <param name="Conditions">The hop's conjuncts, in the order the row engine's filters test them.</param>
/// <param name="Keys">The property each far-node key reads, in the order of the chain's keys owned by the far node.</param>
internal sealed record TalliedProperties(EndCondition[] Conditions, PropertyKey[] Keys)
{
    /// <summary>Per conjunct, the key that reads the same property (its values are read once for both), or -1.</summary>
    public int[] SharedKey { get; } = Conditions.Select(c => Array.FindIndex(Keys, k => k.Name == c.Key!.Name)).ToArray();

    public string Description => "properties read in batches";
}
