using Graph.Client;
using Graph.Storage;

namespace Graph.Engine.Runtime;

/// <summary>A property key name with its token id cached once known (tokens are never removed).</summary>
internal sealed class PropertyKey(string name)
{
    private int _id = -1;
    public string Name { get; } = name;

    public int Id(TokenRegistry tokens)
    {
        if (_id >= 0) return _id;
        var id = tokens.PropertyKeyId(Name);
        if (id >= 0) _id = id;
        return id;
    }

    public int GetOrCreate(TokenRegistry tokens) => _id >= 0 ? _id : _id = tokens.GetOrCreatePropertyKey(Name);
}
