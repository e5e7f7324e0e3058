using System.Collections;
using System.Globalization;
using Graph.Client;

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

    /// <summary>The environment variables <see cref="FromEnvironment"/> reads (configuration section "Neo4j" with the GRAPH_ prefix).</summary>
    public const string EnvironmentPrefix = "GRAPH_Neo4j__";

    /// <summary>
    /// Options from GRAPH_Neo4j__Uri, __Database, __User, __Password, __BearerToken, __Timeout (seconds or
    /// hh:mm:ss), __MaxRetries; unset ones keep their defaults. A bad value names its variable.
    /// </summary>
    public static Neo4jOptions FromEnvironment(IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        string? Get(string name) => environment[EnvironmentPrefix + name] is string { Length: > 0 } v ? v : null;
        ClientException Bad(string name, string value, string expected) =>
            new(Neo4jStatus.InvalidRequest, $"{EnvironmentPrefix}{name}='{value}' is not {expected}.");

        var options = new Neo4jOptions();
        if (Get("Uri") is { } uri)
            options = options with { Uri = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed : throw Bad("Uri", uri, "an absolute address such as http://localhost:7474") };
        if (Get("Database") is { } database) options = options with { Database = database };
        if (Get("User") is { } user) options = options with { User = user };
        if (Get("Password") is { } password) options = options with { Password = password };
        if (Get("BearerToken") is { } token) options = options with { BearerToken = token };
        if (Get("Timeout") is { } timeout)
        {
            options = options with
            {
                Timeout = double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
                        ? span
                        : throw Bad("Timeout", timeout, "a positive number of seconds or hh:mm:ss"),
            };
        }
        if (Get("MaxRetries") is { } retries)
            options = options with { MaxRetries = int.TryParse(retries, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw Bad("MaxRetries", retries, "a whole number >= 0") };
        return options;
    }
}
