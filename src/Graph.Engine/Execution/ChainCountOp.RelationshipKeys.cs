using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// Keys that read one property of a hop's relationship (<c>a.sign</c>): read from the store by relationship id, so the hop
/// reads ids only (its neighbour list) instead of whole relationships, and no relationship value or compiled expression
/// is made per relationship (the stances' 12,000 alignments at 100k experts, read at each claim's first visit).
/// </summary>
internal sealed partial class ChainCountOp
{
    /// <summary>
    /// Per key, the property it reads of a hop's relationship when it is exactly <c>r.name</c> (its value is what the
    /// compiled expression gives: the stored value, or null); null for other keys. Set by the planner; null when none.
    /// </summary>
    public PropertyKey?[]? RelationshipKeyProperties
    {
        get;
        internal set
        {
            EnsurePlanning();
            field = value;
        }
    }

    /// <summary>Whether key <paramref name="key"/> of a relationship is read without the whole relationship (its type, or one property).</summary>
    private bool ReadsRelationshipId(int key) => _keyTypeOnly[key] || RelationshipKeyProperties?[key] is not null;

    private sealed partial class Run
    {
        /// <summary>
        /// The interned value of relationship key <paramref name="key"/> (one that <see cref="ReadsRelationshipId"/>) for
        /// relationship <paramref name="rel"/> of type <paramref name="type"/>: type(r) numbered once per type, a property
        /// read from the store (a property key no entity has: null, as the expression gives).
        /// </summary>
        private int RelationshipKeyId(int key, long rel, int type)
        {
            if (_op._keyTypeOnly[key]) return _interners[key].InternType(type, _ctx);
            var id = _op.RelationshipKeyProperties![key]!.Id(_ctx.Tokens);
            return _interners[key].Intern(id < 0 ? null : _ctx.Tx.RelationshipProperty(rel, id));
        }
    }
}
