namespace Graph.Documents;

/// <summary>Something about an extraction the user should look at: an empty page, words hyphenated at line ends, repeated page headers.</summary>
public sealed record ExtractionNote(string Kind, string Message);
