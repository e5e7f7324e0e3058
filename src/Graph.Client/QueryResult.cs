namespace Graph.Client;

/// <summary>The whole result of one statement: column keys, records and the summary.</summary>
public sealed class QueryResult
{
    public QueryResult(IReadOnlyList<string> keys, IReadOnlyList<Record> records, ResultSummary summary)
    {
        Keys = keys;
        Records = records;
        _summary = summary;
    }

    /// <summary>
    /// A result whose summary says only what statement ran, its type and when its result was available (a statement that
    /// only read): the summary is made when first asked for, as most callers read only the records.
    /// </summary>
    internal QueryResult(IReadOnlyList<string> keys, IReadOnlyList<Record> records, string query, QueryType queryType, TimeSpan resultAvailableAfter)
    {
        Keys = keys;
        Records = records;
        _query = query;
        _queryType = queryType;
        _resultAvailableAfter = resultAvailableAfter;
    }

    private ResultSummary? _summary;
    private readonly string? _query;
    private readonly QueryType _queryType;
    private readonly TimeSpan _resultAvailableAfter;

    public IReadOnlyList<string> Keys { get; }
    public IReadOnlyList<Record> Records { get; }

    public ResultSummary Summary => _summary ?? MakeSummary();
    public Counters Counters => Summary.Counters;

    // two threads asking at once make equal summaries; every caller gets the one published first
    private ResultSummary MakeSummary()
    {
        var made = new ResultSummary { Query = _query!, QueryType = _queryType, ResultAvailableAfter = _resultAvailableAfter };
        return Interlocked.CompareExchange(ref _summary, made, null) ?? made;
    }

    /// <summary>The single record of a result that must have exactly one.</summary>
    public Record Single() => Records.Count == 1
        ? Records[0]
        : throw new InvalidOperationException($"Expected exactly one record but the result has {Records.Count}.");
}
