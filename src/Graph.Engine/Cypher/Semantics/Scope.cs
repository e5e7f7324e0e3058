namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// The variables visible at a point of the query, with their static types. Immutable: binding returns a
/// new scope, so a nested scope (list comprehension, subquery) never leaks into its parent.
/// </summary>
public sealed class Scope
{
    private readonly Dictionary<string, CypherType> _variables;

    public static readonly Scope Empty = new(new Dictionary<string, CypherType>());

    private Scope(Dictionary<string, CypherType> variables) => _variables = variables;

    public IEnumerable<string> Names => _variables.Keys;

    public int Count => _variables.Count;

    public bool Contains(string name) => _variables.ContainsKey(name);

    public CypherType? TypeOf(string name) => _variables.GetValueOrDefault(name);

    public Scope Bind(string name, CypherType type)
    {
        var copy = new Dictionary<string, CypherType>(_variables) { [name] = type };
        return new Scope(copy);
    }

    public Scope BindAll(IEnumerable<KeyValuePair<string, CypherType>> variables)
    {
        var copy = new Dictionary<string, CypherType>(_variables);
        foreach (var (name, type) in variables)
            copy[name] = type;
        return new Scope(copy);
    }

    public static Scope Of(IEnumerable<KeyValuePair<string, CypherType>> variables) => Empty.BindAll(variables);
}
