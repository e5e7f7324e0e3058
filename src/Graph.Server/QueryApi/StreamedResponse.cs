using System.Text.Json;
using Graph.Neo4j.Wire;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>
/// A 202 response body sent while it is written: records go to the client as they are produced, and Kestrel's
/// flow control (the response pipe pauses above its buffer limit) keeps what the server holds per request bounded.
/// </summary>
internal sealed class StreamedResponse(HttpContext context, Utf8JsonWriter json, bool typed) : IAsyncDisposable
{
    /// <summary>Bytes written before they are pushed to the connection.</summary>
    private const int FlushThreshold = 32 * 1024;

    private long _flushed;

    public QueryResponseWriter Body { get; } = new(json, typed);

    /// <summary>
    /// Pushes what is written to the client when enough has gathered; waits while the client is slow to read. Only the
    /// client going away cancels the wait: Kestrel aborts the connection when a flush is cancelled, so a time limit that
    /// fired here would cut the response instead of ending it with its error (the next fetch reports the limit).
    /// </summary>
    public async ValueTask FlushIfFullAsync()
    {
        // The writer hands full segments to the response pipe by itself (BytesCommitted); until the pipe is flushed
        // they stay in memory, so count both.
        if (json.BytesCommitted + json.BytesPending - _flushed < FlushThreshold) return;
        await FlushAsync(context.RequestAborted);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        json.Flush();
        _flushed = json.BytesCommitted;
        var result = await context.Response.BodyWriter.FlushAsync(cancellationToken);
        if (result.IsCanceled || result.IsCompleted) throw new OperationCanceledException("The client stopped reading the response.");
    }

    public ValueTask DisposeAsync() => json.DisposeAsync();
}
