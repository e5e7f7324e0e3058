namespace Graph.Neo4j.Wire;

/// <summary>The <c>transaction</c> key of a response to an explicit-transaction route.</summary>
public sealed record TransactionInfo(string Id, DateTimeOffset? Expires);
