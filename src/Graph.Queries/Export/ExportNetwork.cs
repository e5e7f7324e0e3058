using Graph.Queries.Analysis;
using Graph.Queries.Model;

namespace Graph.Queries.Export;

/// <summary>
/// A network ready to be written as GraphML, GEXF or CSV. Undirected; nodes and edges in a stable order.
/// <see cref="Description"/> says where it comes from and how it was computed (written into the file's metadata).
/// </summary>
public sealed record ExportNetwork(
    string Name,
    IReadOnlyList<AttributeDefinition> NodeAttributes,
    IReadOnlyList<AttributeDefinition> EdgeAttributes,
    IReadOnlyList<ExportNode> Nodes,
    IReadOnlyList<ExportEdge> Edges,
    string? Description = null);
