using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// A WHERE conjunct fused into a <see cref="ChainCountOp"/> at one hop: it reads that hop's relationship or far node
/// (<paramref name="Slot"/>) and nothing of the chain besides, plus perhaps the start row (<paramref name="ReadsStart"/>).
/// It is evaluated where the row engine's filter would have been, right after the hop's label checks, on a row holding
/// the start row and that entity. A far node's answer is remembered per node while the start row stays the same.
/// </summary>
internal sealed record ChainFilter(bool OnRelationship, int Slot, Evaluator Predicate, bool ReadsStart, string Description)
{
    /// <summary>
    /// A WHERE predicate's value as <see cref="FilterOp"/> reads it: true passes, false and null (three-valued logic) do
    /// not, anything else is the same error.
    /// </summary>
    public static bool Passes(object? value) => value switch
    {
        true => true,
        null or bool => false,
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"A WHERE predicate must be a Boolean, got {CypherValues.TypeName(value)} ({CypherValues.Describe(value)})."),
    };
}
