using System.Text.RegularExpressions;

namespace Graph.Web.Coding;

/// <summary>One coder's stance of a disagreement, as a review names it, with the fingerprint of the coding the reviewer saw.</summary>
public sealed partial class ReviewStanceInput
{
    public string? Coder { get; set; }
    public string? Expert { get; set; }
    public string? Claim { get; set; }
    public string? Seen { get; set; }

    internal (string Coder, string Expert, string Claim) ToStance(string field) =>
        (ReviewInput.Slug(Coder, field + ".coder"), ReviewInput.Slug(Expert, field + ".expert"), ReviewInput.Slug(Claim, field + ".claim"));

    /// <summary>The fingerprint, checked (null when the client sent none: then nothing is checked or recorded).</summary>
    internal string? SeenOf(string field) => Seen is null || Fingerprint().IsMatch(Seen)
        ? Seen
        : throw new WebApiException(400, $"'{field}.seen': not a stance fingerprint (12 hexadecimal digits, as /api/coding/documents/{{id}}/agreement gives it)");

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex Fingerprint();
}
