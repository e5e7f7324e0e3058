using Graph.Client;

namespace Graph.Engine.Tests.Concurrency;

/// <summary>An embedded database in memory or in a temporary directory (deleted on dispose).</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private TestDatabase(EmbeddedDriver driver, string? directory)
    {
        Driver = driver;
        _directory = directory;
    }

    public EmbeddedDriver Driver { get; private set; }

    public static TestDatabase Create(bool onDisk, TimeSpan? writeLockTimeout = null)
    {
        var options = new EngineOptions { SyncOnCommit = false, WriteLockTimeout = writeLockTimeout ?? TimeSpan.FromSeconds(30) };
        if (!onDisk)
            return new TestDatabase(EmbeddedDriver.InMemory(options), null);
        var directory = Path.Combine(Path.GetTempPath(), "graph-concurrency-" + Guid.NewGuid().ToString("N"));
        return new TestDatabase(EmbeddedDriver.Open(directory, options), directory);
    }

    /// <summary>Closes and reopens an on-disk database (what a restart sees).</summary>
    public async Task ReopenAsync()
    {
        if (_directory is null)
            return;
        await Driver.DisposeAsync();
        Driver = EmbeddedDriver.Open(_directory, new EngineOptions { SyncOnCommit = false });
    }

    public async Task<QueryResult> Run(string query, IReadOnlyDictionary<string, object?>? parameters = null, SessionConfig? config = null)
    {
        await using var session = Driver.AsyncSession(config);
        return await session.RunAsync(query, parameters);
    }

    public async Task<long> Count(string query) => (long)(await Run(query)).Single()[0]!;

    public async ValueTask DisposeAsync()
    {
        await Driver.DisposeAsync();
        if (_directory is not null && Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
