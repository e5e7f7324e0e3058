using System.Collections;
using Graph.Client;

namespace Graph.Engine.Driver;

/// <summary>
/// A small result's records: <paramref name="count"/> records of <paramref name="width"/> cells each, one after the
/// other in <paramref name="cells"/>, which nobody writes to afterwards. Each record is a view made when read (a
/// <see cref="Record"/> is a struct): the result costs its cells and this list, not an object per record. The values
/// are all in the cells when RunAsync returns; reading a record only points at them.
/// </summary>
internal sealed class SharedCellsRecords(IReadOnlyList<string> keys, int width, object?[] cells, int count) : IReadOnlyList<Record>
{
    public int Count => count;

    public Record this[int index] =>
        (uint)index < (uint)count ? Record.Shared(keys, width, cells, index * width) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<Record> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return Record.Shared(keys, width, cells, i * width);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
