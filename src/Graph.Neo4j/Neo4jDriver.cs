using Graph.Client;
using Graph.Neo4j.Http;

namespace Graph.Neo4j;

/// <summary>
/// The client contract over Neo4j's HTTP Query API (Neo4j 5.26+ and 2025.x), with HttpClient and
/// System.Text.Json only. Also speaks to our own <c>graph serve</c>, which implements the same API.
/// </summary>
public sealed class Neo4jDriver : IDriver
{
    private readonly QueryApiClient _client;

    public Neo4jDriver(Neo4jOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Uri.IsAbsoluteUri || options.Uri.Scheme is not ("http" or "https"))
            throw new ClientException(Neo4jStatus.InvalidRequest,
                $"Neo4jOptions.Uri '{options.Uri}' is not an http(s) address. The connector uses the Query API over HTTP: " +
                "give the HTTP port, e.g. http://localhost:7474 (not bolt:// or neo4j://).");
        if (string.IsNullOrWhiteSpace(options.Database))
            throw new ClientException(Neo4jStatus.InvalidRequest, "Neo4jOptions.Database is empty; the default database is \"neo4j\".");
        // A base address without a trailing slash would drop its last segment when routes are appended.
        var uri = options.Uri.AbsoluteUri.EndsWith('/') ? options.Uri : new Uri(options.Uri.AbsoluteUri + "/");
        Options = options with { Uri = uri };
        _client = new QueryApiClient(Options);
    }

    public Neo4jOptions Options { get; }

    public string Description => $"neo4j:{Options.Uri}db/{Options.Database}";

    public IAsyncSession AsyncSession(SessionConfig? config = null) =>
        new Neo4jSession(_client, config ?? SessionConfig.Write, Options.Database);

    public async Task VerifyConnectivityAsync(CancellationToken cancellationToken = default)
    {
        await using var session = AsyncSession(SessionConfig.Read);
        await session.RunAsync("RETURN 1 AS ok", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
