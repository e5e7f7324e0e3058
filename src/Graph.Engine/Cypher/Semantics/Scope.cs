using System.Collections.Immutable;

namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// The variables visible at a point of the query: each name to the <see cref="Symbol"/> it means there. Immutable:
/// binding returns a new scope, so a nested scope (list comprehension, subquery) never leaks into its parent. Persistent,
/// so binding costs O(log n) instead of a copy: a statement binding n variables is analyzed in O(n log n).
/// </summary>
internal sealed class Scope
{
    private readonly ImmutableDictionary<string, Symbol> _variables;

    public static readonly Scope Empty = new(ImmutableDictionary.Create<string, Symbol>(StringComparer.Ordinal));

    private Scope(ImmutableDictionary<string, Symbol> variables) => _variables = variables;

    /// <summary>The variables' names, in no particular order.</summary>
    public IEnumerable<string> Names => _variables.Keys;

    /// <summary>The visible symbols, in the order they were declared.</summary>
    public IReadOnlyList<Symbol> Symbols => [.. _variables.Values.OrderBy(s => s.Id)];

    public int Count => _variables.Count;

    public bool Contains(string name) => _variables.ContainsKey(name);

    public CypherType? TypeOf(string name) => _variables.GetValueOrDefault(name)?.Type;

    public Symbol? SymbolOf(string name) => _variables.GetValueOrDefault(name);

    public Scope Bind(Symbol symbol) => new(_variables.SetItem(symbol.Name, symbol));

    /// <summary>Another scope's variables added to (or replacing those of the same name in) this one.</summary>
    public Scope BindAll(Scope other) => new(_variables.SetItems(other._variables));

    public Scope BindAll(IEnumerable<Symbol> symbols) => new(_variables.SetItems(symbols.Select(s => new KeyValuePair<string, Symbol>(s.Name, s))));

    public static Scope Of(IEnumerable<Symbol> symbols) => Empty.BindAll(symbols);
}
