namespace Graph.Cli.Tests.Hardening;

/// <summary>
/// One `graph serve` child process for the hardening tests: a 16 MiB memory limit per statement
/// (GRAPH_Engine__QueryMemoryLimit), a 20 s query limit (--query-timeout: long enough that seeding and the memory
/// cases finish first on a loaded machine; the time-limit cases ask for 2 s with maxExecutionTime), and a dense graph to expand: 30 nodes :D with a
/// :L relationship between every ordered pair (870), where a pattern of 6 hops has 29^6 (about 600 million) paths.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "graph serve in a child process";
}

public sealed class ServeFixture : IAsyncLifetime
{
    /// <summary>Small, so that statements hoarding memory reach it long before the time limit even on a loaded machine.</summary>
    public const long MemoryLimit = 16L << 20;
    public const int DenseNodes = 30;

    /// <summary>
    /// The stated bound on the server's resident memory: the runtime and the web stack (about 150 MiB), two statements at
    /// their limit at once (the limit counts estimated sizes, real ones run up to about 1.5 times that), the statements
    /// themselves (up to 1.2 MB of text, parsed), garbage the collector has not returned yet, and headroom. Without the
    /// limits, single statements of these tests took gigabytes or crashed the server.
    /// </summary>
    public const long RssBound = 512L << 20;

    public ServeProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ServeProcess.StartAsync(new Dictionary<string, string> { ["GRAPH_Engine__QueryMemoryLimit"] = "16MiB" }, "--query-timeout", "20");
        var seeded = await Server.AsEditorAsync(
            $"UNWIND range(0, {DenseNodes - 1}) AS i CREATE (:D {{i: i}}) WITH count(*) AS made MATCH (a:D), (b:D) WHERE a <> b CREATE (a)-[:L]->(b)");
        Assert.True(seeded.ErrorCode is null, $"seeding failed: {seeded}\n{Server.Log}");
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
