namespace Graph.Client;

/// <summary>The store could not be reached.</summary>
public class ServiceUnavailableException(string message, Exception? inner = null) : GraphException(Neo4jStatus.ServiceUnavailable, message, inner);
