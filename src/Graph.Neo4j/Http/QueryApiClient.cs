using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Graph.Client;
using Graph.Neo4j.Wire;

namespace Graph.Neo4j.Http;

/// <summary>What a Query API route answered: the parsed body and the cluster affinity header to echo.</summary>
internal sealed record ApiReply(QueryResponse Body, string? Affinity);

/// <summary>
/// Sends Query API requests: typed JSON both ways, authentication, per-request timeout, cancellation,
/// error mapping (an <c>errors</c> array wins over the HTTP status, whatever the status is), and
/// retries with exponential backoff for transient errors.
/// </summary>
internal sealed class QueryApiClient : IDisposable
{
    public const string AffinityHeader = "neo4j-cluster-affinity";

    private readonly HttpClient _http;
    private readonly Neo4jOptions _options;
    private readonly AuthenticationHeaderValue? _authorization;

    public QueryApiClient(Neo4jOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(10) ? options.Timeout : TimeSpan.FromSeconds(10),
        };
        // Our own per-request timeout (below) gives a clear error; HttpClient's would be a bare TaskCanceledException.
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _authorization = options.BearerToken is { Length: > 0 } token
            ? new AuthenticationHeaderValue("Bearer", token)
            : options.User is { Length: > 0 } user
                ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")))
                : null;
    }

    public Uri BaseUri => _options.Uri;

    /// <summary>The address of a Query API route of a database: /db/{db}/query/v2{suffix}.</summary>
    public Uri RouteFor(string database, string suffix = "") =>
        new(_options.Uri, $"db/{Uri.EscapeDataString(database)}/query/v2{suffix}");

    public async Task<ApiReply> SendAsync(HttpMethod method, Uri route, QueryRequest? body, string? affinity,
        TimeSpan? serverTimeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, route);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.TypedJson));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.PlainJson, 0.5));
        request.Headers.Authorization = _authorization;
        if (affinity is not null) request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body.ToUtf8(typed: true));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.TypedJson);
        }

        // A query may legitimately run as long as its own server-side timeout; give the HTTP request a little more.
        var timeout = serverTimeout is { } t && t + TimeSpan.FromSeconds(5) > _options.Timeout ? t + TimeSpan.FromSeconds(5) : _options.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var replyAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            return new ApiReply(Interpret(response, bytes, route), replyAffinity ?? affinity);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestTimeoutException(
                $"{method} {route} did not complete within {timeout.TotalSeconds:0.#} s (Neo4jOptions.Timeout). " +
                "Raise the timeout or make the query cheaper.");
        }
        catch (HttpRequestException e)
        {
            throw new ServiceUnavailableException(
                $"Cannot reach Neo4j at {_options.Uri}: {e.Message} Check that the server runs and Neo4jOptions.Uri (GRAPH_Neo4j__Uri) points at its HTTP port (7474 by default).", e);
        }
    }

    private static QueryResponse Interpret(HttpResponseMessage response, byte[] bytes, Uri route)
    {
        var status = (int)response.StatusCode;
        var typed = MediaTypes.IsTyped(response.Content.Headers.ContentType?.MediaType);
        JsonDocument? document = null;
        try
        {
            if (bytes.Length > 0) document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            if (response.IsSuccessStatusCode)
                throw new DatabaseException(Neo4jStatus.UnknownError,
                    $"{route} answered HTTP {status} with a body that is not JSON; is this a Neo4j Query API endpoint?");
        }
        using (document)
        {
            // Neo4j may report a failed statement inside a 202 body, so the errors array decides, not the status.
            if (document is not null)
            {
                var errors = QueryResponse.ReadErrors(document.RootElement);
                if (errors.Count > 0) throw ErrorMapping.ToException(errors[0]);
            }
            if (!response.IsSuccessStatusCode)
                throw ErrorMapping.FromHttpStatus(status, response.ReasonPhrase ?? "", route.ToString());
            if (document is null) return new QueryResponse();
            try
            {
                return QueryResponse.Parse(document.RootElement, typed);
            }
            catch (WireFormatException e)
            {
                throw new DatabaseException(Neo4jStatus.UnknownError, $"{route} sent a result the connector cannot read: {e.Message}", e);
            }
        }
    }

    /// <summary>Runs <paramref name="attempt"/>, retrying transient failures with exponential backoff and jitter.</summary>
    public async Task<T> WithRetriesAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (GraphException e) when (e.IsTransient && tries < _options.MaxRetries)
            {
                var delay = _options.RetryDelay * Math.Pow(2, tries) * (0.8 + Random.Shared.NextDouble() * 0.4);
                Trace.TraceInformation($"Neo4j transient error {e.Code}; retry {tries + 1}/{_options.MaxRetries} in {delay.TotalMilliseconds:0} ms.");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Our own request deadline passed (Neo4jOptions.Timeout): the server's state is unknown, unlike a timeout it reports.</summary>
internal sealed class RequestTimeoutException(string message) : ClientException(Neo4jStatus.QueryTimeout, message);
