using Graph.Client;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Tests.Parsing;
using Xunit.Abstractions;

namespace Graph.Engine.Tests.Semantics;

/// <summary>
/// Runs the parser and the semantic pass over the TCK: valid queries must compile, and queries the TCK
/// expects to fail at compile time must fail with the expected error type and detail.
/// </summary>
public class TckCompileTests(ITestOutputHelper output)
{
    /// <summary>Errors that need the procedure registry or parameter values: the runtime raises them.</summary>
    private static readonly HashSet<string> RuntimeChecked =
        ["ProcedureNotFound", "InvalidNumberOfArguments", "MissingParameter", "InvalidArgumentPassingMode"];

    [Fact]
    public void Every_valid_TCK_query_compiles()
    {
        var queries = TckQueries.All().Where(q => q.ErrorType is null).ToList();
        var failures = new List<string>();
        foreach (var query in queries)
        {
            try
            {
                SemanticAnalyzer.Compile(query.Query);
            }
            catch (ClientException error)
            {
                failures.Add($"{query}\n{query.Query}\n{error.Detail}: {error.Message}\n");
            }
        }
        output.WriteLine($"{queries.Count - failures.Count} of {queries.Count} valid TCK queries compile");
        Assert.True(failures.Count == 0, $"{failures.Count} of {queries.Count} failed:\n" + string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public void Every_TCK_compile_time_error_is_raised_with_its_type_and_detail()
    {
        var queries = TckQueries.All()
            .Where(q => q.ErrorType is not null && !RuntimeChecked.Contains(q.ErrorDetail!) && q.Query.Contains("test.my.proc") is false
                && !q.Query.Contains("test.labels", StringComparison.Ordinal))
            .ToList();
        var failures = new List<string>();
        foreach (var query in queries)
        {
            try
            {
                SemanticAnalyzer.Compile(query.Query);
                failures.Add($"{query}\n{query.Query}\nexpected {query.ErrorType} {query.ErrorDetail}, compiled fine\n");
            }
            catch (ClientException error)
            {
                if (error.Title != query.ErrorType || error.Detail != query.ErrorDetail || error.Phase != ErrorPhase.CompileTime)
                    failures.Add($"{query}\n{query.Query}\nexpected {query.ErrorType} {query.ErrorDetail}, got {error.Title} {error.Detail}: {error.Message}\n");
            }
        }
        output.WriteLine($"{queries.Count - failures.Count} of {queries.Count} TCK compile-time errors raised as expected");
        Assert.True(failures.Count == 0, $"{failures.Count} of {queries.Count} failed:\n" + string.Join("\n", failures.Take(30)));
    }
}
