using Graph.Bolt.Server;

namespace Graph.Server;

/// <summary>
/// Settings of <c>graph serve</c>. Bound from the configuration section "Server" (appsettings.json,
/// environment variables such as GRAPH_Server__Port or GRAPH_Server__Users__0__Name, command line).
/// </summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Address to listen on. Loopback by default: exposing the store is a deliberate choice.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests). 7474 is Neo4j's HTTP port.</summary>
    public int Port { get; set; } = 7474;

    /// <summary>A second name the database answers to, besides "neo4j" (e.g. "graph").</summary>
    public string? DatabaseAlias { get; set; }

    /// <summary>Users for basic authentication. None configured: authentication is off (a warning is logged).</summary>
    public List<ServerUser> Users { get; set; } = [];

    /// <summary>An explicit transaction without requests for this long is rolled back (Neo4j's default is 30 s here).</summary>
    public TimeSpan TransactionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest request body accepted; larger ones get HTTP 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest a query may run (TransactionConfig.Timeout); null leaves it to the store. A request's maxExecutionTime can only lower it.</summary>
    public TimeSpan? QueryTimeout { get; set; }

    /// <summary>How long a write waits for the store's single write lock before failing with a transient error (drivers retry it); null: the engine's 30 s.</summary>
    public TimeSpan? WriteLockTimeout { get; set; }

    /// <summary>The Bolt listener (section Server:Bolt): on by default at 127.0.0.1:7687.</summary>
    public BoltServerOptions Bolt { get; set; } = new();

    /// <summary>The database name every Query API route accepts.</summary>
    public const string DefaultDatabase = "neo4j";

    public IEnumerable<string> DatabaseNames =>
        string.IsNullOrWhiteSpace(DatabaseAlias) ? [DefaultDatabase] : [DefaultDatabase, DatabaseAlias];

    public bool AuthenticationEnabled => Users.Count > 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting to fix.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"Server:Port {Port} is not a TCP port (0-65535).");
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Server:Host is empty; use 127.0.0.1 (or 0.0.0.0 to listen on every interface).");
        if (TransactionIdleTimeout <= TimeSpan.Zero) throw new ArgumentException("Server:TransactionIdleTimeout must be positive, e.g. 00:00:30.");
        if (MaxRequestBodyBytes <= 0) throw new ArgumentException("Server:MaxRequestBodyBytes must be positive.");
        if (QueryTimeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException("Server:QueryTimeout must be positive, e.g. 00:01:00.");
        Bolt.Validate();
        if (WriteLockTimeout is { } w && w <= TimeSpan.Zero) throw new ArgumentException("Server:WriteLockTimeout must be positive, e.g. 00:00:30.");
        foreach (var (user, i) in Users.Select((u, i) => (u, i)))
        {
            if (string.IsNullOrWhiteSpace(user.Name)) throw new ArgumentException($"Server:Users:{i}:Name is empty.");
            if (string.IsNullOrEmpty(user.Password)) throw new ArgumentException($"Server:Users:{i}:Password is empty for user '{user.Name}'.");
        }
        var duplicate = Users.GroupBy(u => u.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Server:Users names '{duplicate.Key}' more than once.");
    }
}

public sealed class ServerUser
{
    public string Name { get; set; } = "";
    public string Password { get; set; } = "";
    public ServerRole Role { get; set; } = ServerRole.Editor;
}

public enum ServerRole
{
    /// <summary>Reads and writes.</summary>
    Editor,
    /// <summary>Reads only: every query runs in a Read session, so writes fail with Neo.ClientError.Statement.AccessMode.</summary>
    Reader,
}
