using Graph.Client;
using Graph.Neo4j.Wire;
using Microsoft.Extensions.Logging;

namespace Graph.Server.QueryApi;

/// <summary>A started statement whose first record is already fetched: sends its records and summary into a response.</summary>
internal sealed class StatementResult(IResultCursor cursor, bool hasFirst, TimeLimit limit, IDisposable running, ILogger logger) : IAsyncDisposable
{
    /// <summary>
    /// Writes the body's start, every record and the summary (counters when asked for, notifications, plan) and returns the
    /// summary. When the statement fails after the response started, the records sent stay and an <c>errors</c> key
    /// follows them; then null is returned and the caller ends the body.
    /// </summary>
    public async Task<ResultSummary?> SendAsync(StreamedResponse response, QueryRequest request, string database)
    {
        var body = response.Body;
        body.Begin();
        body.StartData(cursor.Keys);
        ResultSummary summary;
        try
        {
            for (var more = hasFirst; more; more = await cursor.FetchAsync(limit.Token))
            {
                body.WriteRow(cursor.Current.Values);
                await response.FlushIfFullAsync();
            }
            summary = await cursor.ConsumeAsync(limit.Token);
        }
        catch (Exception e) when (!limit.ClientGone)
        {
            var error = limit.Translate(e) switch
            {
                GraphException g => new QueryApiError(g.Code, ErrorMapping.ToMessage(g)),
                var other => Unexpected(other),
            };
            body.EndData();
            body.WriteErrors([error]);
            return null;
        }
        body.EndData();
        body.WriteSummary(request.IncludeCounters ? summary.Counters : null, summary.Notifications, summary.Plan, database);
        return summary;
    }

    private QueryApiError Unexpected(Exception e)
    {
        if (e is OperationCanceledException) return new QueryApiError(Neo4jStatus.Cancelled, "The statement was cancelled.");
        logger.LogError(e, "A statement failed while its result was being sent");
        return new QueryApiError(Neo4jStatus.UnknownError, $"The server failed while sending the result: {e.Message}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await cursor.DisposeAsync();
        }
        catch (Exception e) when (e is GraphException or OperationCanceledException)
        {
            // The statement ended early (client gone, time limit): what the client hears about was decided already.
        }
        finally
        {
            running.Dispose();
        }
    }
}
