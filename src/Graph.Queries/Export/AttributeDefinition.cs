namespace Graph.Queries.Export;

public sealed record AttributeDefinition(string Name, AttributeType Type);
