namespace Graph.Queries.Model;

/// <summary>A claim with how many experts endorse and criticize it.</summary>
public sealed record ClaimSummary(string Id, string Text, string? Topic, int Endorsers, int Critics)
{
    public bool Contested => Endorsers > 0 && Critics > 0;
}
