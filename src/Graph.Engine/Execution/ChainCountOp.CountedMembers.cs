using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>The last hop with no key of its own counted against the store's label bitmaps (every endorser of every claim).</summary>
internal sealed partial class ChainCountOp
{
    private sealed partial class Run
    {
        /// <summary>
        /// How many of <paramref name="others"/> carry the hop's labels (a last hop counted per node, no uniqueness check):
        /// once the store's label bitmaps are taken, a bit test each in a loop of its own (every endorser of every claim),
        /// else <see cref="LabelMembership.Check"/> per node until it takes them.
        /// </summary>
        private long CountMembers(LabelMembership membership, ReadOnlySpan<long> others)
        {
            membership.Expect(others.Length);
            long matched = 0;
            var i = 0;
            for (; i < others.Length; i++)
            {
                if (membership.SharedBits is { } bits)
                {
                    _ctx.Tick(others.Length - i);
                    if (bits.Length == 1) return matched + bits[0].CountMembers(others[i..]);
                    for (; i < others.Length; i++)
                        if (InAll(bits, others[i])) matched++;
                    return matched;
                }
                _ctx.Tick();
                if (membership.Check(others[i], _ctx)) matched++;
            }
            return matched;
        }
    }
}
