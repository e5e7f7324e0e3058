namespace Graph.Queries.Model;

/// <summary>A source document of the debate.</summary>
public sealed record SourceDocument(string Id, string? Symbol, string? Title, string? Date, string? Publisher)
{
    /// <summary>"LC/L.3702, Title (ECLAC, 2013-...)": how captions cite it.</summary>
    public string Citation =>
        string.Join(", ", new[] { Symbol, Title }.Where(x => !string.IsNullOrWhiteSpace(x))) is { Length: > 0 } head
            ? head + (Publisher is null && Date is null ? "" : $" ({string.Join(", ", new[] { Publisher, Date }.Where(x => !string.IsNullOrWhiteSpace(x)))})")
            : Id;
}
