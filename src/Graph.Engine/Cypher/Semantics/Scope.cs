using System.Collections.Immutable;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// The variables visible at a point of the query, with their static types. Immutable: binding returns a
/// new scope, so a nested scope (list comprehension, subquery) never leaks into its parent. Persistent, so
/// binding costs O(log n) instead of a copy: a statement binding n variables is analyzed in O(n log n).
/// </summary>
internal sealed class Scope
{
    private readonly ImmutableDictionary<string, CypherType> _variables;

    public static readonly Scope Empty = new(ImmutableDictionary.Create<string, CypherType>(StringComparer.Ordinal));

    private Scope(ImmutableDictionary<string, CypherType> variables) => _variables = variables;

    /// <summary>The variables' names, in no particular order.</summary>
    public IEnumerable<string> Names => _variables.Keys;

    public int Count => _variables.Count;

    public bool Contains(string name) => _variables.ContainsKey(name);

    public CypherType? TypeOf(string name) => _variables.GetValueOrDefault(name);

    public Scope Bind(string name, CypherType type) => new(_variables.SetItem(name, type));

    public Scope BindAll(IEnumerable<KeyValuePair<string, CypherType>> variables) => new(_variables.SetItems(variables));

    public static Scope Of(IEnumerable<KeyValuePair<string, CypherType>> variables) => Empty.BindAll(variables);
}
