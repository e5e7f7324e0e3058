using Graph.Client;
using Graph.Storage;

namespace Graph.Engine.Runtime;

/// <summary>A relationship type name with its token id cached once known.</summary>
internal sealed class RelTypeToken(string name)
{
    private int _id = -1;
    public string Name { get; } = name;

    public int Id(TokenRegistry tokens)
    {
        if (_id >= 0) return _id;
        var id = tokens.RelationshipTypeId(Name);
        if (id >= 0) _id = id;
        return id;
    }

    public int GetOrCreate(TokenRegistry tokens) => _id >= 0 ? _id : _id = tokens.GetOrCreateRelationshipType(Name);
}
