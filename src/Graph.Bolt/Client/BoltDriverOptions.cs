namespace Graph.Bolt.Client;

/// <summary>
/// Where and how <see cref="BoltDriver"/> reaches a Bolt server (Neo4j, or <c>graph serve</c>):
/// <c>bolt://host:7687</c> (one server), <c>neo4j://host:7687</c> (routing: the server's routing table decides
/// where reads and writes go), each also as <c>+s</c> (TLS, certificate checked) and <c>+ssc</c> (TLS, any certificate).
/// </summary>
public sealed record BoltDriverOptions
{
    public Uri Uri { get; init; } = new("bolt://localhost:7687");

    /// <summary>Database used by sessions that do not name one; null lets the server pick its default.</summary>
    public string? Database { get; init; }

    /// <summary>Basic authentication; leave User null for a server with authentication off.</summary>
    public string? User { get; init; }
    public string? Password { get; init; }

    /// <summary>How long opening a connection (TCP, TLS, handshake, login) may take.</summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections kept per server.</summary>
    public int MaxConnectionPoolSize { get; init; } = 100;

    /// <summary>Records asked for per PULL when streaming a result.</summary>
    public int FetchSize { get; init; } = 1000;

    /// <summary>Retries of an auto-commit query or a transaction begin after a transient error or a lost connection.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; it doubles on every further attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Sent as HELLO's user_agent.</summary>
    public string UserAgent { get; init; } = "graph-bolt/1.0";
}
