using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// A WHERE conjunct that <see cref="ReachCountOp"/> tests per distinct end, where <see cref="FilterOp"/> tested it per
/// row: either the compiled predicate on a row holding the input row and the end (<see cref="OnRow"/>), or a comparison
/// of one property of the end with a value that does not read the end (<see cref="PropertyComparison"/>): the value is
/// then computed once per input row and the property read straight from the store, with no row and no node value.
/// </summary>
internal sealed class EndCondition
{
    private EndCondition(string description) => Description = description;

    public string Description { get; }

    /// <summary>The predicate on a row (null for a property comparison).</summary>
    public Evaluator? Predicate { get; private init; }

    /// <summary>The end's property compared (null for a predicate on a row).</summary>
    public PropertyKey? Key { get; private init; }

    /// <summary>The comparison operator, as the compiled expression calls it (<see cref="Operators.NotEqual"/>, ...).</summary>
    public Func<object?, object?, object?>? Compare { get; private init; }

    /// <summary>The other operand: reads the input row only, and gives the same value for the same row.</summary>
    public Evaluator? Other { get; private init; }

    /// <summary>True when the end's property is the comparison's left operand (<c>b.id &lt;&gt; a.id</c>).</summary>
    public bool EndOnLeft { get; private init; }

    /// <summary>
    /// True for <c>=</c> and <c>&lt;&gt;</c>: against a string, the store may tell which ends hold an equal string without
    /// the values (<see cref="Graph.Storage.StorageTransaction.TryMatchNodeStrings"/>); Cypher's equality of two strings
    /// is ordinal, and <c>&lt;&gt;</c> its negation.
    /// </summary>
    public bool TestsEquality { get; private init; }

    /// <summary>True for <c>&lt;&gt;</c>.</summary>
    public bool Negated { get; private init; }

    public static EndCondition OnRow(Evaluator predicate, string description) => new(description) { Predicate = predicate };

    /// <param name="equality">null for an operator other than = and &lt;&gt;, else whether it is &lt;&gt;.</param>
    public static EndCondition PropertyComparison(PropertyKey key, Func<object?, object?, object?> compare, Evaluator other, bool endOnLeft, string description,
        bool? equality = null) =>
        new(description) { Key = key, Compare = compare, Other = other, EndOnLeft = endOnLeft, TestsEquality = equality is not null, Negated = equality == true };
}
