using Graph.Client;

namespace Graph.Engine.Import;

/// <summary>An import failed; the message names the file and line and how to fix it. Nothing was stored.</summary>
public sealed class ImportException(string message, Exception? inner = null) : GraphException(Neo4jStatus.InvalidFormat, message, inner);
