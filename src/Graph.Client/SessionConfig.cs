namespace Graph.Client;

public sealed record SessionConfig
{
    /// <summary>Read sessions reject writes with <see cref="Neo4jStatus.AccessMode"/>.</summary>
    public AccessMode AccessMode { get; init; } = AccessMode.Write;

    /// <summary>Database name; null means the store's default ("neo4j").</summary>
    public string? Database { get; init; }

    /// <summary>Bookmarks to wait for before running (causal consistency). Ignored by stores that do not need them.</summary>
    public IReadOnlyList<string> Bookmarks { get; init; } = [];

    /// <summary>
    /// Who the session runs for, when a server authenticated the caller (SHOW CURRENT USER, dbms.showCurrentUser);
    /// null for in-process use. It grants nothing: access is decided by <see cref="AccessMode"/> and the server.
    /// </summary>
    public SessionUser? User { get; init; }

    public static SessionConfig Read { get; } = new() { AccessMode = AccessMode.Read };
    public static SessionConfig Write { get; } = new() { AccessMode = AccessMode.Write };
}
