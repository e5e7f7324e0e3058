using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>
/// A result read from the server batch by batch: a PULL of <see cref="BoltDriverOptions.FetchSize"/> records at a
/// time, the next one sent when the batch is used up. Ends with the summary, which also ends an auto-commit
/// transaction (and hands the connection back).
/// </summary>
internal sealed class BoltResultCursor : IResultCursor
{
    private readonly BoltClientConnection _connection;
    private readonly string _query;
    private readonly long _qid;
    private readonly int _fetchSize;
    private readonly TimeSpan _availableAfter;
    private readonly Func<BoltResultCursor, ResultSummary?, Task> _onEnd;
    private readonly Queue<Record> _buffered = new();
    private bool _pullPending;
    private bool _hasMore = true;
    private Record? _current;
    private ResultSummary? _summary;
    private GraphException? _failure;
    private bool _ended;

    /// <param name="pullSent">Whether the first PULL was pipelined with the RUN.</param>
    /// <param name="onEnd">Called once when the result ends (summary or failure): bookmarks, releasing the connection.</param>
    public BoltResultCursor(BoltClientConnection connection, string query, IReadOnlyList<string> keys, long qid, int fetchSize,
        TimeSpan availableAfter, bool pullSent, Func<BoltResultCursor, ResultSummary?, Task> onEnd)
    {
        _connection = connection;
        _query = query;
        Keys = keys;
        _qid = qid;
        _fetchSize = fetchSize;
        _availableAfter = availableAfter;
        _pullPending = pullSent;
        _onEnd = onEnd;
    }

    public IReadOnlyList<string> Keys { get; }

    public Record Current => _current ?? throw new InvalidOperationException("Call FetchAsync first: the cursor is before its first record.");

    public bool IsEnded => _ended;

    public async ValueTask<bool> FetchAsync(CancellationToken cancellationToken = default)
    {
        if (_buffered.TryDequeue(out var buffered))
        {
            _current = buffered;
            return true;
        }
        if (_failure is not null) throw _failure;
        while (!_ended)
        {
            if (!_pullPending)
            {
                if (!_hasMore) break;
                _connection.Send(BoltMessages.Pull, PullExtra(_fetchSize));
                await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                _pullPending = true;
            }
            if (await ReadOneAsync(cancellationToken).ConfigureAwait(false) is { } record)
            {
                _current = record;
                return true;
            }
        }
        if (_failure is not null) throw _failure;
        return false;
    }

    /// <summary>Reads one response of the pending PULL: a record, or the end of the batch (null).</summary>
    private async Task<Record?> ReadOneAsync(CancellationToken cancellationToken)
    {
        BoltClientConnection.Response response;
        try
        {
            response = await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GraphException e)
        {
            await EndAsync(null, e).ConfigureAwait(false);
            throw;
        }
        switch (response.Signature)
        {
            case BoltMessages.Record:
                return new Record(Keys, response.Values!);
            case BoltMessages.Success:
                _pullPending = false;
                _hasMore = response.Metadata!.GetValueOrDefault("has_more") is true;
                if (!_hasMore) await EndAsync(Summary(response.Metadata!), null).ConfigureAwait(false);
                return null;
            case BoltMessages.Failure:
                _pullPending = false;
                await EndAsync(null, _connection.Failed(response.Metadata!)).ConfigureAwait(false);
                throw _failure!;
            default: // IGNORED: the RUN before it failed and was reported already
                _pullPending = false;
                await EndAsync(null, new ClientException(Neo4jStatus.InvalidRequest, "The server ignored the PULL.")).ConfigureAwait(false);
                throw _failure!;
        }
    }

    public async Task<ResultSummary> ConsumeAsync(CancellationToken cancellationToken = default)
    {
        _buffered.Clear();
        while (!_ended && _pullPending) await ReadOneAsync(cancellationToken).ConfigureAwait(false);
        if (!_ended && _hasMore)
        {
            _connection.Send(BoltMessages.Discard, PullExtra(-1));
            await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            _pullPending = true;
            while (!_ended) await ReadOneAsync(cancellationToken).ConfigureAwait(false);
        }
        if (_failure is not null) throw _failure;
        return _summary!;
    }

    /// <summary>Reads what is left into memory: another statement is about to use the connection.</summary>
    public async Task BufferRemainingAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!_ended)
            {
                if (!_pullPending)
                {
                    if (!_hasMore) break;
                    _connection.Send(BoltMessages.Pull, PullExtra(-1));
                    await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                    _pullPending = true;
                }
                if (await ReadOneAsync(cancellationToken).ConfigureAwait(false) is { } record) _buffered.Enqueue(record);
            }
        }
        catch (GraphException)
        {
            // Kept in _failure: whoever reads this cursor meets it after the records that came before it.
        }
    }

    private Dictionary<string, object?> PullExtra(long n)
    {
        var extra = new Dictionary<string, object?> { ["n"] = n };
        if (_qid >= 0) extra["qid"] = _qid;
        return extra;
    }

    private ResultSummary Summary(IReadOnlyDictionary<string, object?> metadata)
    {
        PlanDescription? plan = metadata.GetValueOrDefault("profile") is IReadOnlyDictionary<string, object?> profile
            ? SummaryMetadata.ParsePlan(profile, profile: true)
            : metadata.GetValueOrDefault("plan") is IReadOnlyDictionary<string, object?> p ? SummaryMetadata.ParsePlan(p, profile: false) : null;
        return new ResultSummary
        {
            Query = _query,
            Counters = SummaryMetadata.ParseStats(metadata.GetValueOrDefault("stats") as IReadOnlyDictionary<string, object?>),
            QueryType = SummaryMetadata.ParseType(metadata.GetValueOrDefault("type") as string),
            Notifications = SummaryMetadata.ParseNotifications(metadata),
            ResultAvailableAfter = _availableAfter,
            Bookmark = metadata.GetValueOrDefault("bookmark") as string,
            Plan = plan,
        };
    }

    private async Task EndAsync(ResultSummary? summary, GraphException? failure)
    {
        if (_ended) return;
        _ended = true;
        _summary = summary;
        _failure = failure;
        await _onEnd(this, summary).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ended) return;
        try
        {
            await ConsumeAsync().ConfigureAwait(false);
        }
        catch (GraphException)
        {
            // The statement failed; disposing does not report it again.
        }
    }
}
