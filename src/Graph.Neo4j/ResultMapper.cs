using Graph.Client;
using Graph.Neo4j.Wire;

namespace Graph.Neo4j;

/// <summary>Turns a parsed Query API response into the contract's <see cref="QueryResult"/>.</summary>
internal static class ResultMapper
{
    public static QueryResult ToQueryResult(string query, QueryResponse body, TimeSpan elapsed, bool autoCommit)
    {
        var keys = body.Fields;
        var records = new List<Record>(body.Rows.Count);
        foreach (var row in body.Rows)
        {
            if (row.Length != keys.Count)
                throw new DatabaseException(Neo4jStatus.UnknownError,
                    $"The server sent a row of {row.Length} values for {keys.Count} fields ({string.Join(", ", keys)}).");
            records.Add(new Record(keys, row));
        }
        var counters = body.Counters ?? Counters.None;
        var summary = new ResultSummary
        {
            Query = query,
            Counters = counters,
            QueryType = QueryResponse.ParseQueryType(body.QueryType) ?? InferQueryType(counters, records.Count),
            Notifications = body.Notifications,
            ResultAvailableAfter = elapsed,
            Bookmark = autoCommit ? body.Bookmarks.LastOrDefault() : null,
            Plan = body.Plan,
        };
        return new QueryResult(keys, records, summary);
    }

    // Servers before 2026.07 do not send queryType; the counters tell most of it.
    private static QueryType InferQueryType(Counters counters, int recordCount) =>
        counters.ContainsSystemUpdates ? QueryType.SchemaWrite
        : counters.ContainsUpdates ? (recordCount > 0 ? QueryType.ReadWrite : QueryType.WriteOnly)
        : QueryType.ReadOnly;
}
