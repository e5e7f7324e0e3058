namespace Graph.Storage.Transactions;

/// <summary>The strings' order through a property column (see <see cref="StorageTransaction.TryReadNodeStringRanks"/>).</summary>
internal sealed partial class Transaction
{
    public override bool TryReadNodeStringRanks(ReadOnlySpan<long> nodes, int key, Span<int> ranks)
    {
        Reading();
        // a transaction that has written reads its own overlay: the caller reads the values
        return _overlay is null && _data.TryReadNodeStringRanks(nodes, _version, key, ranks);
    }

    public override bool NodeStringsDistinct(int key)
    {
        Reading();
        return _overlay is null && _data.NodeStringsDistinct(_version, key);
    }
}
