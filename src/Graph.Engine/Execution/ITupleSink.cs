namespace Graph.Engine.Execution;

/// <summary>Where a <see cref="ChainCountOp"/> adds the groups it finds: the final groups, or a table beyond one node.</summary>
internal interface ITupleSink
{
    /// <summary>Adds <paramref name="count"/> to the group <paramref name="tuple"/> (interned key ids; copied when new, so a scratch array may be passed).</summary>
    void Add(int[] tuple, long count);
}
