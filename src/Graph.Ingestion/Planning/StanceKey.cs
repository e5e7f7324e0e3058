namespace Graph.Ingestion.Planning;

/// <summary>A stance's identity in the store: one per document, expert and claim.</summary>
public readonly record struct StanceKey(string Source, string Expert, string Claim);
