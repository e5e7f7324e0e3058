namespace Graph.Storage;

public sealed partial class LabelBits
{
    /// <summary>
    /// How many of <paramref name="nodes"/> have the label (a node counted each time it appears). The loop lives here so that
    /// a caller in another assembly makes one call per list, not one per node: its ReadyToRun code cannot inline
    /// <see cref="Contains"/> across assemblies, and a cold statement runs that code until the runtime recompiles it
    /// (every endorser of every claim in the endorsements per claim).
    /// </summary>
    public long CountMembers(ReadOnlySpan<long> nodes)
    {
        // Contains is inlined here: same assembly
        long matched = 0;
        foreach (var node in nodes)
            if (Contains(node)) matched++;
        return matched;
    }
}
