using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>A claim a community agrees on: <see cref="Holders"/> members take <see cref="Polarity"/> and none the opposite.</summary>
public sealed record CommunityConsensus(string ClaimId, string Text, Polarity Polarity, int Holders, int Members)
{
    /// <summary>"all 8 criticize" or "5 of 8 endorse": the plural verb keeps the polarity.</summary>
    public string Phrase => Members == 1
        ? Polarity.Verb()
        : $"{(Holders == Members ? $"all {Members}" : $"{Holders} of {Members}")} {(Polarity == Polarity.Endorses ? "endorse" : "criticize")}";
}
