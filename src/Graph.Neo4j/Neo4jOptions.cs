namespace Graph.Neo4j;

/// <summary>
/// Where and how to reach a Neo4j 5.26+ (or 2025.x) server over its HTTP Query API.
/// Bind from configuration section "Neo4j" (environment: GRAPH_Neo4j__Uri, GRAPH_Neo4j__Password, ...).
/// </summary>
public sealed record Neo4jOptions
{
    /// <summary>The server's HTTP address (the Query API lives under /db/{database}/query/v2).</summary>
    public Uri Uri { get; init; } = new("http://localhost:7474");

    /// <summary>Database used by sessions that do not name one.</summary>
    public string Database { get; init; } = "neo4j";

    /// <summary>Basic authentication; leave User null for a server with authentication disabled.</summary>
    public string? User { get; init; }
    public string? Password { get; init; }

    /// <summary>Bearer authentication (SSO), sent as "Authorization: Bearer &lt;token&gt;"; the Query API expects the token base64-encoded. Wins over User/Password.</summary>
    public string? BearerToken { get; init; }

    /// <summary>How long one HTTP request may take before it fails with a timeout error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an auto-commit query or a transaction begin is retried after a transient error (Neo.TransientError.*).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; it doubles on every further attempt (plus jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
