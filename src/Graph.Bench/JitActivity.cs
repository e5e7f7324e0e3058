namespace Graph.Bench;

/// <summary>
/// One reading of the runtime's compilation work: methods compiled (all threads), tiering events seen
/// (<see cref="TieringActivity"/>), and whether tiering was busy: its delay holding call counting and promotions back, or a
/// background compilation batch under way.
/// </summary>
public readonly record struct JitActivity(long CompiledMethods, long TieringEvents, bool TieringBusy)
{
    /// <summary>Quiet since <paramref name="before"/>: nothing compiled, no tiering event (no delay started or ended, no
    /// background compilation), and tiering not busy now (no delay with promotions waiting behind it, no batch under way).</summary>
    public bool QuietSince(JitActivity before) =>
        CompiledMethods == before.CompiledMethods && TieringEvents == before.TieringEvents && !TieringBusy;
}
