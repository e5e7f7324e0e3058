using Graph.Client;
using Graph.Storage;

namespace Graph.Engine.Runtime;

/// <summary>A label name with its token id cached once known.</summary>
internal sealed class LabelToken(string name)
{
    private int _id = -1;
    public string Name { get; } = name;

    public int Id(TokenRegistry tokens)
    {
        if (_id >= 0) return _id;
        var id = tokens.LabelId(Name);
        if (id >= 0) _id = id;
        return id;
    }

    public int GetOrCreate(TokenRegistry tokens) => _id >= 0 ? _id : _id = tokens.GetOrCreateLabel(Name);
}
