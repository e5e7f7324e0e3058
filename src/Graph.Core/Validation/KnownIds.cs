namespace Graph.Core.Validation;

/// <summary>
/// Ids that exist outside the part of graph-data being validated: an incremental load reads only the documents that
/// changed and takes the registry's ids, the sessions of the other documents and the document ids from the store
/// and the folder, so that references are still checked.
/// </summary>
public sealed class KnownIds
{
    public HashSet<string> Experts { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Claims { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Institutions { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Paradigms { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>Session ids taken by documents that were not read, with the document that holds each.</summary>
    public Dictionary<string, string> SessionsElsewhere { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Of(string kind) => kind switch
    {
        "expert" => Experts,
        "claim" => Claims,
        "institution" => Institutions,
        "paradigm" => Paradigms,
        "document" => Documents,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
