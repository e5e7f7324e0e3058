namespace Graph.Bench;

/// <summary>
/// One reading of the runtime's compilation work: methods compiled (all threads), tiering events seen
/// (<see cref="TieringActivity"/>), and whether the tiering delay was holding call counting and promotions back.
/// </summary>
public readonly record struct JitActivity(long CompiledMethods, long TieringEvents, bool TieringDelayed)
{
    /// <summary>Quiet since <paramref name="before"/>: nothing compiled, no tiering event (no delay started or ended, no
    /// background compilation), and no delay active now with promotions waiting behind it.</summary>
    public bool QuietSince(JitActivity before) =>
        CompiledMethods == before.CompiledMethods && TieringEvents == before.TieringEvents && !TieringDelayed;
}
