namespace Graph.Neo4j.Wire;

/// <summary>One entry of a response's <c>errors</c> array.</summary>
public sealed record QueryApiError(string Code, string Message);
