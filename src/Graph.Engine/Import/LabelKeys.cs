using Graph.Storage;

namespace Graph.Engine.Import;

/// <summary>
/// The ids of one label's nodes (existing ones and those imported so far), so relationship rows find their ends
/// without a query per row. String ids are looked up by span (no string per field), int ids by value.
/// </summary>
internal sealed class LabelKeys
{
    /// <summary>An id that more than one existing node of the label carries (no unique constraint): it names no single node.</summary>
    public const long Ambiguous = -2;

    private readonly StringIdMap _strings = new();
    private readonly Dictionary<long, long> _ints = new();

    public LabelKeys(string name, int label, StorageTransaction transaction, int idKey)
    {
        Name = name;
        Label = label;
        if (label < 0 || idKey < 0) return;
        // Existing nodes, read once: one pass over the label beats a seek per row for millions of rows.
        foreach (var node in transaction.NodesWithLabel(label))
        {
            switch (transaction.NodeProperty(node, idKey))
            {
                case string s:
                    if (!_strings.TryAdd(s, node)) _strings.Set(s, Ambiguous);
                    ExistingType ??= ImportValueType.String;
                    break;
                case long l:
                    _ints[l] = _ints.ContainsKey(l) ? Ambiguous : node;
                    ExistingType ??= ImportValueType.Int;
                    break;
            }
        }
    }

    public string Name { get; }
    public int Label { get; }

    /// <summary>The type of the ids already in the store (of the first one seen), or null when there are none.</summary>
    public ImportValueType? ExistingType { get; }

    /// <summary>The id type declared by a node file of this import, which decides how relationship files read ids.</summary>
    public ImportValueType? DeclaredType { get; set; }

    public int Count => _strings.Count + _ints.Count;

    /// <summary>The node with this id, -1 when there is none, <see cref="Ambiguous"/> when several.</summary>
    public long Find(ReadOnlySpan<char> id)
    {
        var type = DeclaredType ?? ExistingType;
        if (type != ImportValueType.Int && _strings.Count > 0 && _strings.Find(id) is var node and not -1) return node;
        if (type != ImportValueType.String && _ints.Count > 0 && long.TryParse(id, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var number) && _ints.TryGetValue(number, out node)) return node;
        return -1;
    }

    /// <summary>Starts loading what <see cref="Find(ReadOnlySpan{char})"/> of this id will read (string ids only).</summary>
    public void Prefetch(ReadOnlySpan<char> id)
    {
        if ((DeclaredType ?? ExistingType) != ImportValueType.Int && _strings.Count > 0) _strings.Prefetch(id);
    }

    /// <summary>The node already holding this id, or -1.</summary>
    public long Find(object id) => id switch
    {
        string s => _strings.Find(s),
        long l => _ints.GetValueOrDefault(l, -1),
        _ => -1,
    };

    public void Add(object id, long node)
    {
        if (id is long l) _ints.Add(l, node);
        else if (!_strings.TryAdd((string)id, node)) throw new ArgumentException($"The id '{id}' is already stored.", nameof(id));
    }
}
