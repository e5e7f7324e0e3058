using Graph.Client;
using Graph.Engine.Cypher.Parsing;
using Xunit.Abstractions;

namespace Graph.Engine.Tests.Parsing;

/// <summary>Every TCK query that is not expected to fail at compile time must parse.</summary>
public class TckParseTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_valid_TCK_query_parses()
    {
        var queries = TckQueries.All().Where(q => q.ErrorType is null).ToList();
        var failures = new List<string>();
        foreach (var query in queries)
        {
            try
            {
                CypherParser.Parse(query.Query);
            }
            catch (ClientException error)
            {
                failures.Add($"{query}\n{query.Query}\n{error.Message}\n");
            }
        }
        output.WriteLine($"{queries.Count - failures.Count} of {queries.Count} valid TCK queries parse");
        Assert.True(queries.Count > 1000, $"only {queries.Count} TCK queries found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {queries.Count} failed:\n" + string.Join("\n", failures.Take(40)));
    }
}
