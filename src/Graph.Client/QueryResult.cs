namespace Graph.Client;

/// <summary>The whole result of one statement: column keys, records and the summary.</summary>
public sealed class QueryResult
{
    public QueryResult(IReadOnlyList<string> keys, IReadOnlyList<Record> records, ResultSummary summary)
    {
        Keys = keys;
        Records = records;
        Summary = summary;
    }

    public IReadOnlyList<string> Keys { get; }
    public IReadOnlyList<Record> Records { get; }
    public ResultSummary Summary { get; }
    public Counters Counters => Summary.Counters;

    /// <summary>The single record of a result that must have exactly one.</summary>
    public Record Single() => Records.Count == 1
        ? Records[0]
        : throw new InvalidOperationException($"Expected exactly one record but the result has {Records.Count}.");
}
