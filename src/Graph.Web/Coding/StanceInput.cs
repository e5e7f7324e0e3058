using Graph.Core.Editing;
using Graph.Core.Model;

namespace Graph.Web.Coding;

/// <summary>
/// A stance as the Code page sends it (JSON body of POST and PUT /api/coding/documents/{id}/stances). Checked field by
/// field before anything is read or written: each problem becomes a 400 naming the field and what it accepts.
/// </summary>
public sealed class StanceInput
{
    public const int MaxQuote = 4000;
    public const int MaxNote = 2000;
    public const int MaxSection = 200;

    public string? Expert { get; set; }
    public string? Claim { get; set; }
    public string? Stance { get; set; }
    public string? Quote { get; set; }
    public string? Section { get; set; }
    public double? Confidence { get; set; }
    public string? Note { get; set; }

    /// <summary>The version read (PUT only): the save is refused with 409 when the stance changed since.</summary>
    public string? Version { get; set; }

    /// <summary>The draft the coder <paramref name="coder"/> means; throws <see cref="WebApiException"/> (400) naming the first bad field.</summary>
    public StanceDraft ToDraft(string coder)
    {
        static WebApiException Bad(string field, string what) => new(400, $"'{field}': {what}");
        var expert = Required(Expert, "expert", 200);
        var claim = Required(Claim, "claim", 200);
        var kind = Stance?.Trim().ToLowerInvariant() switch
        {
            "endorses" => StanceKind.Endorses,
            "criticizes" => StanceKind.Criticizes,
            null or "" => throw Bad("stance", "missing; use \"endorses\" or \"criticizes\""),
            _ => throw Bad("stance", $"'{Stance}' is not a stance; use \"endorses\" or \"criticizes\""),
        };
        var quote = Required(Quote, "quote", MaxQuote);
        var section = Required(Section, "section", MaxSection);
        if (Confidence is { } c && (double.IsNaN(c) || c <= 0 || c > 1))
            throw Bad("confidence", $"{c} is outside (0, 1]; leave it out for a certain coding");
        var note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        if (note is { Length: > MaxNote }) throw Bad("note", $"{note.Length} characters; at most {MaxNote}");
        if (Confidence is < 1 && note is null) throw Bad("note", "a confidence below 1 needs a note saying why");
        return new StanceDraft(expert, claim, kind, quote, section, coder, Confidence is 1 ? null : Confidence, note);
    }

    private static string Required(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new WebApiException(400, $"'{field}': missing");
        var trimmed = value.Trim();
        if (trimmed.Length > max) throw new WebApiException(400, $"'{field}': {trimmed.Length} characters; at most {max}");
        if (trimmed.Any(ch => char.IsControl(ch) && ch is not '\n' and not '\t'))
            throw new WebApiException(400, $"'{field}': contains control characters");
        return trimmed;
    }
}
