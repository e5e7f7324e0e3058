namespace Graph.Queries.Cypher;

/// <summary>The store returned something the graph model does not allow (a missing id, a list where a number belongs).</summary>
public sealed class QueryDataException(string message) : Exception(message);
