namespace Graph.Storage;

internal enum TokenKind : byte
{
    Label = 0,
    RelationshipType = 1,
    PropertyKey = 2,
}

/// <summary>A token created since the last log record or snapshot; it is written with the next commit.</summary>
internal readonly record struct TokenEntry(TokenKind Kind, int Id, string Name);

/// <summary>
/// Thread-safe interning of labels, relationship types and property keys. Lookups of existing tokens take no lock
/// (a bulk load looks up every property key of every row); creating a token does.
/// </summary>
internal sealed class Tokens : TokenRegistry
{
    private readonly object _lock = new();
    private readonly TokenTable[] _tables = [new("label"), new("relationship type"), new("property key")];
    // Every token in creation order; entries from _loggedCount on are not yet durable.
    private readonly List<TokenEntry> _created = [];
    private int _loggedCount;

    public override int GetOrCreateLabel(string name) => GetOrCreate(TokenKind.Label, name);
    public override int GetOrCreateRelationshipType(string name) => GetOrCreate(TokenKind.RelationshipType, name);
    public override int GetOrCreatePropertyKey(string name) => GetOrCreate(TokenKind.PropertyKey, name);

    public override int LabelId(string name) => Find(TokenKind.Label, name);
    public override int RelationshipTypeId(string name) => Find(TokenKind.RelationshipType, name);
    public override int PropertyKeyId(string name) => Find(TokenKind.PropertyKey, name);

    public override string LabelName(int id) => Name(TokenKind.Label, id);
    public override string RelationshipTypeName(int id) => Name(TokenKind.RelationshipType, id);
    public override string PropertyKeyName(int id) => Name(TokenKind.PropertyKey, id);

    public override IReadOnlyList<string> AllLabels => All(TokenKind.Label);
    public override IReadOnlyList<string> AllRelationshipTypes => All(TokenKind.RelationshipType);
    public override IReadOnlyList<string> AllPropertyKeys => All(TokenKind.PropertyKey);

    private int GetOrCreate(TokenKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_tables[(int)kind].Ids.TryGetValue(name, out var known)) return known;
        // A name is stored like a string value: it must survive being written as UTF-8.
        Values.StoredValues.CheckText(name, () => $"The {_tables[(int)kind].What} name");
        lock (_lock)
        {
            var table = _tables[(int)kind];
            if (table.Ids.TryGetValue(name, out var id)) return id;
            id = table.Add(name);
            _created.Add(new TokenEntry(kind, id, name));
            return id;
        }
    }

    private int Find(TokenKind kind, string name) => _tables[(int)kind].Ids.TryGetValue(name, out var id) ? id : -1;

    private string Name(TokenKind kind, int id)
    {
        var names = _tables[(int)kind].Names;
        if ((uint)id >= (uint)names.Length)
            throw new ArgumentOutOfRangeException(nameof(id), $"No {_tables[(int)kind].What} with id {id}.");
        return names[id];
    }

    private IReadOnlyList<string> All(TokenKind kind) => _tables[(int)kind].Names;

    /// <summary>Tokens not yet written to the log; the caller marks them logged once the record is durable.</summary>
    public TokenEntry[] Unlogged(out int upTo)
    {
        lock (_lock)
        {
            upTo = _created.Count;
            return _created.GetRange(_loggedCount, upTo - _loggedCount).ToArray();
        }
    }

    public void MarkLogged(int upTo)
    {
        lock (_lock) _loggedCount = Math.Max(_loggedCount, upTo);
    }

    /// <summary>All tokens, for a snapshot.</summary>
    public TokenEntry[] All(out int upTo)
    {
        lock (_lock)
        {
            upTo = _created.Count;
            return _created.ToArray();
        }
    }

    /// <summary>Recreates a token read from a snapshot or the log with exactly the id it had.</summary>
    public void Restore(TokenEntry entry)
    {
        lock (_lock)
        {
            var table = _tables[(int)entry.Kind];
            if (table.Ids.TryGetValue(entry.Name, out var existing))
            {
                if (existing != entry.Id)
                    throw new StorageCorruptedException($"The {table.What} '{entry.Name}' is stored with id {entry.Id} but already has id {existing}.");
                return;
            }
            if (entry.Id != table.Names.Length)
                throw new StorageCorruptedException($"The {table.What} '{entry.Name}' is stored with id {entry.Id}, expected {table.Names.Length}.");
            table.Add(entry.Name);
            _created.Add(entry);
            _loggedCount = _created.Count;
        }
    }

    /// <summary>Written under the registry's lock, read without it: the names array is replaced, never changed.</summary>
    private sealed class TokenTable(string what)
    {
        public readonly string What = what;
        public readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
        private string[] _names = [];

        public string[] Names => Volatile.Read(ref _names);

        public int Add(string name)
        {
            var id = _names.Length;
            var names = new string[id + 1];
            _names.CopyTo(names, 0);
            names[id] = name;
            // The name is readable before the id is handed out.
            Volatile.Write(ref _names, names);
            Ids[name] = id;
            return id;
        }
    }
}
