using Graph.Engine.Cypher.Semantics;

namespace Graph.Engine.Planning;

/// <summary>
/// Where in the row each of the binder's symbols lives. Scoping is the binder's (every variable occurrence is resolved to
/// a <see cref="Symbol"/> there); this only remembers the slot the planner gave each symbol. A statement has one layout,
/// except while the items of an aggregating projection are compiled: after grouping, a row holds only the grouping keys
/// and aggregates, so those items read a layout of the key slots (<see cref="QueryPlanner"/>'s projection planning).
/// </summary>
internal sealed class SlotLayout
{
    private readonly Dictionary<Symbol, int> _slots = new(ReferenceEqualityComparer.Instance);

    /// <summary>Gives <paramref name="symbol"/> its slot (a subquery's results reuse the slots they were computed in).</summary>
    public void Place(Symbol symbol, int slot) => _slots[symbol] = slot;

    public bool TryGet(Symbol symbol, out int slot) => _slots.TryGetValue(symbol, out slot);

    public int SlotOf(Symbol symbol) => _slots.TryGetValue(symbol, out var slot)
        ? slot
        : throw new InvalidOperationException($"The variable {symbol} has no slot (the binder and the planner disagree about where it is visible).");

    /// <summary>The symbols placed so far (a pattern's planning uses them to tell variables bound before it).</summary>
    public HashSet<Symbol> Placed() => new(_slots.Keys, ReferenceEqualityComparer.Instance);
}
