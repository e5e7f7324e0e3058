namespace Graph.Core.Model;

/// <summary>One coder's stance a review names: the coder and the stance's identity in their coding (expert, claim).</summary>
public sealed record ReviewedStance(string Coder, string Expert, string Claim, string Field, SourceLocation Location)
{
    public override string ToString() => $"{Coder}'s stance of {Expert} on {Claim}";
}
