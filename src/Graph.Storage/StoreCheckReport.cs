namespace Graph.Storage;

/// <summary>
/// What <see cref="StoreCheck"/> found: <see cref="Findings"/> are problems (damage, an interrupted write not yet cut,
/// inconsistent records); <see cref="Facts"/> say what was checked and what the store holds.
/// </summary>
public sealed record StoreCheckReport(string Directory, IReadOnlyList<string> Findings, IReadOnlyList<string> Facts)
{
    public bool Healthy => Findings.Count == 0;
}
