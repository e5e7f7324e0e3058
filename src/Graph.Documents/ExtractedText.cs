namespace Graph.Documents;

/// <summary>
/// The verbatim text of a document and how it was obtained: the format, the pages (PDF; form feeds separate them in
/// the text, so an empty page stays a page), the tool, and the notes of the checks.
/// </summary>
public sealed record ExtractedText(string Text, string Format, int? Pages, string Tool, IReadOnlyList<ExtractionNote> Notes);
