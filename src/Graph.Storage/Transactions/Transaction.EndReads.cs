namespace Graph.Storage.Transactions;

/// <summary>Reads that decide many ends of a search at once (see <see cref="StorageTransaction.KnownPropertyPresence"/>).</summary>
internal sealed partial class Transaction
{
    public override LabelBits? KnownPropertyPresence(int key, int lookups)
    {
        Reading();
        // a transaction that has written reads its own overlay: the caller decides node by node
        return _overlay is null ? _data.PropertyPresence(key, _version, lookups) : null;
    }
}
