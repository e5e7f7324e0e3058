using Graph.Client;
using Record = Graph.Client.Record;

namespace Graph.Tck.UnitTests;

/// <summary>
/// A driver that answers a fixed set of query texts, so the runner's step logic (result comparison,
/// errors, side effects) is tested independently of the engine's progress. It keeps a list of nodes
/// so the side-effect snapshots (MATCH (n) RETURN n) see the changes a scripted query makes.
/// </summary>
internal sealed class ScriptedDriver : IDriver
{
    private readonly Dictionary<string, Func<ScriptedDriver, QueryResult>> _answers = new(StringComparer.Ordinal);

    public List<Node> Nodes { get; } = [];
    public List<string> Executed { get; } = [];
    public IReadOnlyDictionary<string, object?>? LastParameters { get; private set; }

    public ScriptedDriver On(string query, Func<ScriptedDriver, QueryResult> answer)
    {
        _answers[query] = answer;
        return this;
    }

    public ScriptedDriver On(string query, string[] keys, params object?[][] rows) => On(query, _ => Result(keys, rows));

    public ScriptedDriver Throws(string query, GraphException error) => On(query, _ => throw error);

    public static QueryResult Result(string[] keys, params object?[][] rows) =>
        new(keys, rows.Select(r => new Record(keys, r)).ToList(), new ResultSummary { Query = "" });

    public static QueryResult Empty() => Result([]);

    private Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters)
    {
        Executed.Add(query);
        LastParameters = parameters;
        if (query == "MATCH (n) RETURN n") return Task.FromResult(Result(["n"], Nodes.Select(n => new object?[] { n }).ToArray()));
        if (query == "MATCH ()-[r]->() RETURN r") return Task.FromResult(Result(["r"]));
        if (!_answers.TryGetValue(query.Trim(), out var answer))
            throw new GraphException(Neo4jStatus.SyntaxError, $"the scripted driver does not know '{query}'") { Phase = ErrorPhase.CompileTime };
        return Task.FromResult(answer(this));
    }

    public IAsyncSession AsyncSession(SessionConfig? config = null) => new Session(this, config ?? SessionConfig.Write);
    public Task VerifyConnectivityAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public string Description => "scripted";
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Session(ScriptedDriver driver, SessionConfig config) : IAsyncSession
    {
        public SessionConfig Config => config;
        public IReadOnlyList<string> LastBookmarks => [];
        public Task<QueryResult> RunAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
            driver.RunAsync(query, parameters);
        public Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the TCK runner does not use explicit transactions");
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
