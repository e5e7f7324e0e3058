using Graph.Core.Editing;
using Graph.Core.Model;
using Graph.Core.Reading;

namespace Graph.Web.Coding;

/// <summary>
/// A reviewer's decision as the review view sends it (JSON body of POST /api/coding/documents/{id}/reviews): the
/// disagreement's stances (<see cref="A"/>, <see cref="B"/>; one may be absent), the coder whose coding stands or
/// "neither", the version of the review the reviewer saw (absent when there was none) and, per stance, the fingerprint
/// of the coding the reviewer saw (<c>seen</c>): a save made on a stale view is refused.
/// </summary>
public sealed class ReviewInput
{
    public ReviewStanceInput? A { get; set; }
    public ReviewStanceInput? B { get; set; }
    public string? Stands { get; set; }
    public string? Version { get; set; }

    /// <summary>The review the reviewer <paramref name="reviewer"/> means; throws <see cref="WebApiException"/> (400) naming the first bad field.</summary>
    public ReviewDraft ToDraft(string reviewer)
    {
        var a = A?.ToStance("a");
        var b = B?.ToStance("b");
        if (a is null && b is null) throw new WebApiException(400, "'a', 'b': missing; name the stances of the disagreement ({coder, expert, claim})");
        var stands = Slug(Stands, "stands");
        var choices = new[] { a?.Coder, b?.Coder, ReviewEntry.Neither }.OfType<string>().ToList();
        if (!choices.Contains(stands)) throw new WebApiException(400, $"'stands': '{stands}' is not one of {string.Join(", ", choices)}");
        if (Version is { Length: > 200 }) throw new WebApiException(400, "'version': too long");
        return new ReviewDraft(a, b, stands, reviewer, A?.SeenOf("a"), B?.SeenOf("b"));
    }

    internal static string Slug(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new WebApiException(400, $"'{field}': missing");
        var trimmed = value.Trim();
        if (trimmed.Length > 200 || !GraphDataReader.Slug().IsMatch(trimmed))
            throw new WebApiException(400, $"'{field}': '{(trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed)}' is not an id (lowercase letters, digits and single hyphens)");
        return trimmed;
    }
}
