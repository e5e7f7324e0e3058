using Graph.Storage.Values;

namespace Graph.Storage.Transactions;

/// <summary>Index seeks into the caller's list (see <see cref="StorageTransaction.ReadNodesByProperty"/>).</summary>
internal sealed partial class Transaction
{
    /// <summary>
    /// <see cref="NodesByProperty"/>'s lookup with <paramref name="into"/> as its candidate list: the candidates are
    /// filtered in place, so the seek allocates no result array and takes no thread's scratch list.
    /// </summary>
    public override void ReadNodesByProperty(int label, int key, object value, List<long> into)
    {
        into.Clear();
        Reading();
        object stored;
        try
        {
            stored = StoredValues.Normalize(value, key);
        }
        catch (ArgumentException)
        {
            return; // a value that cannot be stored (a map, ...) equals no property
        }
        var keys = _seekKey ??= new int[1];
        var values = _seekValue ??= new object[1];
        keys[0] = key;
        values[0] = stored;
        try
        {
            Candidates(label, keys, values, into);
            var kept = 0;
            for (var i = 0; i < into.Count; i++)
                if (Matches(into[i], label, keys, values)) into[kept++] = into[i];
            into.RemoveRange(kept, into.Count - kept);
        }
        catch
        {
            into.Clear();
            throw;
        }
        finally
        {
            values[0] = null!;
        }
    }
}
