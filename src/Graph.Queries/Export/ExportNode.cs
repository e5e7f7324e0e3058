namespace Graph.Queries.Export;

public sealed record ExportNode(string Id, string Label, IReadOnlyDictionary<string, object?> Attributes, NodeLook? Look = null);
