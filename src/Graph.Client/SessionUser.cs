namespace Graph.Client;

/// <summary>An authenticated user as a server knows it: the name and Neo4j-style roles ("reader", "editor", "admin").</summary>
public sealed record SessionUser(string Name, IReadOnlyList<string> Roles);
