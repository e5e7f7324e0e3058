namespace Graph.Core.Model;

/// <summary>
/// A source document (documents/&lt;id&gt;/document.yaml). <see cref="TextPath"/> is the full path of its verbatim text,
/// or null when the `text` field could not be used (then a diagnostic says why and the file was never read).
/// </summary>
public sealed record DocumentEntry(
    string Id, string Title, string Date, string? Symbol, string? Publisher, string? Citation,
    string? TextPath, string TextField, SourceLocation TextLocation, DocumentExtraction? Extraction,
    string Field, SourceLocation Location) : IEntity
{
    public string Source => Id;
}
