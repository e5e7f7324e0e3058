namespace Graph.Client;

/// <summary>
/// Entry point to a graph store. Named like Neo4j.Driver's IDriver so code reads the same
/// whichever store answers: the embedded engine or Neo4j over its Query API.
/// </summary>
public interface IDriver : IAsyncDisposable
{
    /// <summary>Opens a session. Sessions are cheap; open one per unit of work.</summary>
    IAsyncSession AsyncSession(SessionConfig? config = null);

    /// <summary>Checks the store is reachable and the credentials work; throws a <see cref="GraphException"/> otherwise.</summary>
    Task VerifyConnectivityAsync(CancellationToken cancellationToken = default);

    /// <summary>A short human-readable description of the store ("embedded:/path", "neo4j:http://host:7474/db/neo4j").</summary>
    string Description { get; }
}
