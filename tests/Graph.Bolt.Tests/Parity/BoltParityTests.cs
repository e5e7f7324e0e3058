using System.Text;
using System.Text.Json;
using Graph.Bolt.Client;
using Graph.Bolt.Tests.Judges;
using Graph.Client;
using Graph.Engine;
using Graph.Neo4j;
using Graph.Neo4j.Tests.Parity;
using Graph.Neo4j.Wire;
using Graph.Server;
using Graph.Server.Bolt;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using Path = System.IO.Path;

namespace Graph.Bolt.Tests.Parity;

/// <summary>
/// Every query of cypher/queries gives the same rows (in order where the query orders them), columns and counters
/// in process, through graph serve's Query API (our connector), over Bolt with our client, and over Bolt with
/// Neo4j's official JavaScript driver. Both stores start from the same seed graph.
/// </summary>
public class BoltParityTests(ParityServer stores, ITestOutputHelper output) : IClassFixture<ParityServer>
{
    public static string Root => GraphServeProcess.RepositoryRoot();

    public static List<string> QueryFilePaths() =>
        Directory.GetFiles(Path.Combine(Root, "cypher", "queries"), "*.cypher").Order(StringComparer.Ordinal)
            .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/')).ToList();

    public static TheoryData<string> QueryFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in QueryFilePaths()) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public async Task Same_rows_in_process_over_http_and_over_bolt(string relativePath)
    {
        var file = CypherFile.Load(Root, Path.Combine(Root, relativePath));
        Assert.True(file.MissingParameters().Count == 0, $"{file} uses parameters its // params: header does not give: {string.Join(", ", file.MissingParameters())}");
        for (var i = 0; i < file.Statements.Count; i++)
        {
            var expected = await Outcome(stores.Local, file.Statements[i], file.Parameters, file.IsOrdered(i));
            foreach (var (name, driver) in new (string, IDriver)[] { ("the Query API", stores.Http), ("Bolt (our client)", stores.Bolt) })
            {
                var actual = await Outcome(driver, file.Statements[i], file.Parameters, file.IsOrdered(i));
                Assert.True(expected == actual, $"{file} statement {i + 1} differs.\nin process:\n{expected}\nthrough {name}:\n{actual}");
            }
            output.WriteLine($"{file} statement {i + 1}: {expected.Split('\n')[0]}");
        }
    }

    [Fact]
    public async Task Same_rows_through_the_official_javascript_driver()
    {
        var files = QueryFilePaths().Select(path => CypherFile.Load(Root, Path.Combine(Root, path))).ToList();
        var statements = files.SelectMany(f => f.Statements.Select((s, i) => (File: f, Index: i, Text: s))).ToList();
        var input = Path.Combine(Path.GetTempPath(), $"bolt-parity-{Guid.NewGuid():N}.json");
        await using (var stream = File.Create(input))
        await using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var (file, _, text) in statements)
            {
                writer.WriteStartObject();
                writer.WriteString("statement", text);
                writer.WritePropertyName("parameters");
                TypedJson.WriteMap(writer, file.Parameters);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        try
        {
            var outcomes = await NodeJudge.RunAsync(stores.BoltUri, stores.HttpUri, () => "", "parity.mjs", input);
            Assert.Equal(statements.Count, outcomes.GetArrayLength());
            var k = 0;
            foreach (var outcome in outcomes.EnumerateArray())
            {
                var (file, index, text) = statements[k++];
                var expected = await Outcome(stores.Local, text, file.Parameters, file.IsOrdered(index));
                var actual = FromJavaScript(outcome, file.IsOrdered(index));
                Assert.True(expected == actual, $"{file} statement {index + 1} differs.\nin process:\n{expected}\nthrough neo4j-driver:\n{actual}");
            }
            output.WriteLine($"{statements.Count} statements of {files.Count} files agree.");
        }
        finally
        {
            File.Delete(input);
        }
    }

    /// <summary>A statement's outcome as text: columns, rows (sorted unless ordered), counters; or the error code.</summary>
    private static async Task<string> Outcome(IDriver driver, string query, IReadOnlyDictionary<string, object?> parameters, bool ordered)
    {
        await using var session = driver.AsyncSession();
        try
        {
            var result = await session.RunAsync(query, parameters);
            return Format(result.Keys, result.Records.Select(r => r.Values), result.Counters, ordered);
        }
        catch (GraphException e)
        {
            return $"error {e.Code}";
        }
    }

    private static string Format(IReadOnlyList<string> keys, IEnumerable<IReadOnlyList<object?>> records, Counters counters, bool ordered)
    {
        var rows = records.Select(values => string.Join(" | ", values.Select(ValueFormatter.ToCypherLiteral))).ToList();
        if (!ordered) rows.Sort(StringComparer.Ordinal);
        return $"{rows.Count} rows, columns [{string.Join(", ", keys)}], counters {counters}\n{string.Join("\n", rows)}";
    }

    /// <summary>parity.mjs prints each result in Neo4j's typed JSON; read back as contract values, it formats like the rest.</summary>
    private static string FromJavaScript(JsonElement outcome, bool ordered)
    {
        if (outcome.TryGetProperty("error", out var error)) return $"error {error.GetString()}";
        var keys = outcome.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        var rows = outcome.GetProperty("rows").EnumerateArray()
            .Select(row => (IReadOnlyList<object?>)row.EnumerateArray().Select(v => TypedJson.Read(v)).ToList());
        var c = outcome.GetProperty("counters");
        int N(string name) => c.GetProperty(name).GetInt32();
        var counters = new Counters
        {
            NodesCreated = N("nodesCreated"), NodesDeleted = N("nodesDeleted"), RelationshipsCreated = N("relationshipsCreated"),
            RelationshipsDeleted = N("relationshipsDeleted"), PropertiesSet = N("propertiesSet"), LabelsAdded = N("labelsAdded"),
            LabelsRemoved = N("labelsRemoved"), IndexesAdded = N("indexesAdded"), IndexesRemoved = N("indexesRemoved"),
            ConstraintsAdded = N("constraintsAdded"), ConstraintsRemoved = N("constraintsRemoved"),
        };
        return Format(keys, rows, counters, ordered);
    }
}

/// <summary>The engine in process, and another engine behind graph serve (Query API and Bolt), seeded alike.</summary>
public sealed class ParityServer : IAsyncLifetime
{
    private WebApplication? _app;
    private EmbeddedDriver? _served;

    public EmbeddedDriver Local { get; } = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
    public IDriver Http { get; private set; } = null!;
    public IDriver Bolt { get; private set; } = null!;
    public string BoltUri { get; private set; } = "";
    public string HttpUri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _served = EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
        _app = GraphServer.Build(new ServerOptions { Port = 0, AuthEnabled = false }, _served, LogLevel.Warning);
        await _app.StartAsync();
        HttpUri = GraphServer.Addresses(_app).Single();
        BoltUri = _app.BoltUri()!;
        Http = new Neo4jDriver(new Neo4jOptions { Uri = new Uri(HttpUri) });
        Bolt = new BoltDriver(new BoltDriverOptions { Uri = new Uri(BoltUri) });
        var seed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Parity", "seed.cypher"), Encoding.UTF8);
        foreach (IDriver driver in new IDriver[] { Local, _served })
        {
            await using var session = driver.AsyncSession();
            await session.RunAsync(seed);
        }
    }

    public async Task DisposeAsync()
    {
        await Bolt.DisposeAsync();
        await Http.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_served is not null) await _served.DisposeAsync();
        await Local.DisposeAsync();
    }
}
