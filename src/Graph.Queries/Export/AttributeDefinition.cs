using Graph.Queries.Analysis;
using Graph.Queries.Model;

namespace Graph.Queries.Export;

public sealed record AttributeDefinition(string Name, AttributeType Type);
