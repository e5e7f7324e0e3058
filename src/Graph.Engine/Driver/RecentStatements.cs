using Graph.Engine.Planning;

namespace Graph.Engine.Driver;

/// <summary>
/// The few statements a session compiled last, by text. A session that repeats a statement (a loop over parameters,
/// an ingestion's batches) finds its plan by comparing the text with these few instead of hashing it and taking the
/// shared cache's lock. An entry serves only the schema version it was looked up at, as the shared cache's do.
/// A session runs one statement at a time; should one be misused from two threads, an entry is still read whole (each
/// is an immutable object, replaced by reference), so a text is never paired with another statement's plan.
/// </summary>
internal sealed class RecentStatements
{
    private const int Size = 4;

    private readonly Entry?[] _entries = new Entry?[Size];
    private int _next;

    private sealed record Entry(string Query, long SchemaVersion, CompiledStatement Statement);

    public CompiledStatement? Find(string query, long schemaVersion)
    {
        foreach (var entry in _entries)
            if (entry is not null && entry.SchemaVersion == schemaVersion && string.Equals(entry.Query, query, StringComparison.Ordinal))
                return entry.Statement;
        return null;
    }

    /// <summary>Remembers a statement compiled (or found in the shared cache) at <paramref name="schemaVersion"/>, in place of the oldest.</summary>
    public void Remember(string query, long schemaVersion, CompiledStatement statement)
    {
        _entries[_next] = new Entry(query, schemaVersion, statement);
        _next = (_next + 1) % Size; // a racing increment at worst overwrites a newer entry: a miss, never a wrong plan
    }
}
