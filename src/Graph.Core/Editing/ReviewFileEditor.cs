using System.Text;

namespace Graph.Core.Editing;

/// <summary>
/// Edits reviews.yaml as text, like <see cref="StanceFileEditor"/> edits stances: an entry is appended or replaced by
/// its lines, so comments and the other reviews stay as they were.
/// </summary>
public static class ReviewFileEditor
{
    public static string Append(string? text, ReviewDraft draft) => StanceFileEditor.AppendEntry(text, "reviews", indent => Format(draft, indent));

    public static string Replace(string text, int index, ReviewDraft draft) => StanceFileEditor.ReplaceEntry(text, "reviews", index, indent => Format(draft, indent));

    /// <summary>One review in the layout `graph` writes: a, b (each with the fingerprint the reviewer saw), stands, reviewer.</summary>
    public static string Format(ReviewDraft d, int indent)
    {
        var pad = new string(' ', indent);
        var text = new StringBuilder();
        var first = true;
        void Field(string key, string value)
        {
            text.Append(pad).Append(first ? "- " : "  ").Append(key).Append(": ").Append(value).Append('\n');
            first = false;
        }
        static string Stance((string Coder, string Expert, string Claim) s, string? seen) =>
            $"{{coder: {s.Coder}, expert: {s.Expert}, claim: {s.Claim}{(seen is null ? "" : $", seen: {seen}")}}}";
        if (d.A is { } a) Field("a", Stance(a, d.SeenA));
        if (d.B is { } b) Field("b", Stance(b, d.SeenB));
        Field("stands", d.Stands);
        Field("reviewer", d.Reviewer);
        return text.ToString();
    }
}
