using Graph.Bolt.Server;

namespace Graph.Server;

/// <summary>
/// Settings of <c>graph serve</c>. Bound from the configuration section "Server" (appsettings.json,
/// environment variables such as GRAPH_Server__Port or GRAPH_Server__Users__0__Name, command line) and
/// checked by <see cref="Validate"/> before the server starts: a wrong setting stops start-up, naming it.
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

    /// <summary>
    /// Basic authentication against <see cref="Users"/> (Neo4j's dbms.security.auth_enabled). On by default, and then
    /// at least one user is required; off only when set to false (<c>graph serve --no-auth</c>), which is logged as a warning.
    /// </summary>
    public bool AuthEnabled { get; set; } = true;

    /// <summary>Users for basic authentication.</summary>
    public List<ServerUser> Users { get; set; } = [];

    /// <summary>Failed logins in a row (per user name and per client address) before further attempts are refused for <see cref="LoginLockTime"/> (Neo4j: dbms.security.auth_max_failed_attempts).</summary>
    public int MaxFailedLogins { get; set; } = 3;

    /// <summary>How long logins stay refused after <see cref="MaxFailedLogins"/> failures (Neo4j: dbms.security.auth_lock_time).</summary>
    public TimeSpan LoginLockTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An explicit transaction without requests for this long is rolled back.</summary>
    public TimeSpan TransactionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The idle timeout of a transaction that holds the store's single write lock (it has run a statement that writes):
    /// short, because every other writer waits for it.
    /// </summary>
    public TimeSpan WriteTransactionIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Explicit transactions one user may have open at once (Neo4j: db.transaction.concurrent.maximum, per user here).</summary>
    public int MaxTransactionsPerUser { get; set; } = 32;

    /// <summary>Largest request body accepted; larger ones get HTTP 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Longest a query (and an explicit transaction) may run; a request's maxExecutionTime can only lower it.
    /// Zero means no limit (Neo4j: db.transaction.timeout).
    /// </summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a write waits for the store's single write lock before failing with a transient error (drivers retry it); null: the engine's 30 s.</summary>
    public TimeSpan? WriteLockTimeout { get; set; }

    /// <summary>The Bolt listener (section Server:Bolt): on by default at 127.0.0.1:7687.</summary>
    public BoltServerOptions Bolt { get; set; } = new();

    /// <summary>The database name every Query API route accepts.</summary>
    public const string DefaultDatabase = "neo4j";

    public IEnumerable<string> DatabaseNames =>
        string.IsNullOrWhiteSpace(DatabaseAlias) ? [DefaultDatabase] : [DefaultDatabase, DatabaseAlias];

    public bool AuthenticationEnabled => AuthEnabled;

    /// <summary>The query time limit, or null when <see cref="QueryTimeout"/> is zero (no limit).</summary>
    public TimeSpan? QueryTimeLimit => QueryTimeout > TimeSpan.Zero ? QueryTimeout : null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting to fix and how.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"Server:Port {Port} is not a TCP port (0-65535).");
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Server:Host is empty; use 127.0.0.1 (or 0.0.0.0 to listen on every interface).");
        Positive(TransactionIdleTimeout, "TransactionIdleTimeout", "00:00:30");
        Positive(WriteTransactionIdleTimeout, "WriteTransactionIdleTimeout", "00:00:05");
        Positive(LoginLockTime, "LoginLockTime", "00:00:05");
        if (QueryTimeout < TimeSpan.Zero) throw new ArgumentException("Server:QueryTimeout must not be negative: e.g. 00:01:00 (or 00:00:00 for no limit).");
        if (MaxRequestBodyBytes <= 0) throw new ArgumentException("Server:MaxRequestBodyBytes must be positive, e.g. 8388608.");
        if (MaxTransactionsPerUser <= 0) throw new ArgumentException("Server:MaxTransactionsPerUser must be positive, e.g. 32.");
        if (MaxFailedLogins <= 0) throw new ArgumentException("Server:MaxFailedLogins must be positive, e.g. 3.");
        Bolt.Validate();
        if (WriteLockTimeout is { } w && w <= TimeSpan.Zero) throw new ArgumentException("Server:WriteLockTimeout must be positive, e.g. 00:00:30.");
        for (var i = 0; i < Users.Count; i++)
        {
            var user = Users[i];
            if (string.IsNullOrWhiteSpace(user.Name)) throw new ArgumentException($"Server:Users:{i}:Name is empty: every user needs a name.");
            if (user.Name.Contains(':')) throw new ArgumentException($"Server:Users:{i}:Name '{user.Name}' contains ':', which basic authentication cannot carry in a name.");
            if (string.IsNullOrEmpty(user.Password)) throw new ArgumentException($"Server:Users:{i}:Password is empty for user '{user.Name}': give the user a password.");
        }
        var duplicate = Users.GroupBy(u => u.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Server:Users names '{duplicate.Key}' more than once; keep one entry per user.");
        if (AuthEnabled && Users.Count == 0)
            throw new ArgumentException("no users are configured: add one with --user name:password[:reader] (or Server:Users in appsettings.json), " +
                                        "or serve without authentication explicitly with --no-auth (Server:AuthEnabled=false).");
        if (!AuthEnabled && Users.Count > 0)
            throw new ArgumentException($"authentication is off (--no-auth, Server:AuthEnabled=false) but {Users.Count} user(s) are configured: remove the users or turn authentication on.");
    }

    private static void Positive(TimeSpan value, string name, string example)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"Server:{name} must be positive, e.g. {example}.");
    }
}
