namespace Graph.Queries.Export;

public sealed record ExportEdge(string Source, string Target, double Weight, IReadOnlyDictionary<string, object?> Attributes);
