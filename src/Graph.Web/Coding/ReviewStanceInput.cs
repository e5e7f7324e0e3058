namespace Graph.Web.Coding;

/// <summary>One coder's stance of a disagreement, as a review names it.</summary>
public sealed class ReviewStanceInput
{
    public string? Coder { get; set; }
    public string? Expert { get; set; }
    public string? Claim { get; set; }

    internal (string Coder, string Expert, string Claim) ToStance(string field) =>
        (ReviewInput.Slug(Coder, field + ".coder"), ReviewInput.Slug(Expert, field + ".expert"), ReviewInput.Slug(Claim, field + ".claim"));
}
