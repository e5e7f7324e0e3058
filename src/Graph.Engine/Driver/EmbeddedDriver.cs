using Graph.Client;
using Graph.Engine.Cypher.Parsing;
using Graph.Engine.Driver;
using Graph.Engine.Errors;
using Graph.Engine.Planning;
using Graph.Engine.Procedures;
using Graph.Storage;

namespace Graph.Engine;

/// <summary>
/// The embedded openCypher engine behind the client contract: one store (a directory or memory),
/// sessions with auto-commit and explicit transactions, and a cache of planned statements.
/// </summary>
public sealed class EmbeddedDriver : IDriver
{
    private readonly IGraphStore _store;
    private readonly PlanCache _plans;
    private int _disposed;

    /// <summary>
    /// Bumped after every committed schema change and every procedure registration: a cached plan made against an
    /// older version (it may miss a new index or name a replaced procedure) is planned again.
    /// </summary>
    private long _schemaVersion;

    private EmbeddedDriver(IGraphStore store, EngineOptions options, string description, DatabaseInfo info)
    {
        _store = store;
        Options = options;
        Description = description;
        Info = info;
        _plans = new PlanCache(options.PlanCacheSize);
        Procedures = new ProcedureRegistry();
        BuiltInProcedures.Register(Procedures, info);
        Procedures.Changed += SchemaChanged;
        _listings = new Execution.ShowListings(Procedures, info, DateTimeOffset.UtcNow);
    }

    private readonly Execution.ShowListings _listings;

    /// <summary>
    /// The procedures CALL can name: the built-ins (db.labels, db.ping, ...) and any registered here. Registering one
    /// replaces a procedure of the same name and forgets compiled statements.
    /// </summary>
    public ProcedureRegistry Procedures { get; }

    /// <summary>Opens (or creates) the database in <paramref name="directory"/>.</summary>
    public static EmbeddedDriver Open(string directory, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        var full = Path.GetFullPath(directory);
        IGraphStore store;
        try
        {
            store = GraphStore.Open(new StoreOptions { Directory = full, SyncOnCommit = options.SyncOnCommit, WriteLockTimeout = options.WriteLockTimeout });
        }
        catch (Exception e) when (e is not GraphException)
        {
            throw e is StorageCorruptedException
                ? new DatabaseException(Neo4jStatus.StorageCorrupted, $"Cannot open the database in {full}: {e.Message}", e)
                : new ServiceUnavailableException($"Cannot open the database in {full}: {e.Message}", e);
        }
        return new EmbeddedDriver(store, options, "embedded:" + full, DatabaseInfo.ForDirectory(full));
    }

    /// <summary>A fresh database that lives in memory only (tests, the TCK).</summary>
    public static EmbeddedDriver InMemory(EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        return new EmbeddedDriver(GraphStore.Open(new StoreOptions { Directory = null, SyncOnCommit = false, WriteLockTimeout = options.WriteLockTimeout }),
            options, "embedded:memory", DatabaseInfo.InMemory());
    }

    public EngineOptions Options { get; }

    /// <summary>The database's id, name and creation date (db.info()).</summary>
    public DatabaseInfo Info { get; }

    public string Description { get; }

    internal IGraphStore Store => _store;

    /// <summary>What recovery found when the database was opened.</summary>
    public RecoveryReport Recovery => _store.Recovery;

    /// <summary>Hits and misses of the statement cache (ingestion reruns the same statements).</summary>
    public (long Hits, long Misses) PlanCacheStatistics => (_plans.Hits, _plans.Misses);

    public IAsyncSession AsyncSession(SessionConfig? config = null)
    {
        ThrowIfDisposed();
        return new EmbeddedSession(this, config ?? new SessionConfig());
    }

    public Task VerifyConnectivityAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Task.CompletedTask;
    }

    /// <summary>Parses, checks and plans a statement (cached by its text).</summary>
    internal CompiledStatement Compile(string query) => Compile(query, recent: null);

    /// <summary>As <see cref="Compile(string)"/>, looking first among a session's <paramref name="recent"/> statements.</summary>
    internal CompiledStatement Compile(string query, RecentStatements? recent)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(query);
        var schemaVersion = Interlocked.Read(ref _schemaVersion);
        if (!_plans.Enabled) recent = null; // a cache of size 0 plans every run (recent statements too)
        if (recent?.Find(query, schemaVersion) is { } known)
        {
            _plans.CountHit();
            return known;
        }
        var compiled = CompileShared(query, schemaVersion);
        recent?.Remember(query, schemaVersion, compiled);
        return compiled;
    }

    private CompiledStatement CompileShared(string query, long schemaVersion) =>
        _plans.GetOrAdd(query, schemaVersion, q =>
        {
            try
            {
                var statement = Frontend.Analyze(q, Procedures, Options.MaxPlanDepth);
                return new QueryPlanner(_store, Options.MaxPlanDepth) { Listings = _listings }.Plan(statement, q);
            }
            catch (Exception e) when (e is not GraphException)
            {
                throw EngineErrors.ToGraphException(e);
            }
        });

    /// <summary>Outdates planned statements: after a schema change an index may now serve a cached MATCH or MERGE.</summary>
    internal void SchemaChanged() => Interlocked.Increment(ref _schemaVersion);

    /// <summary>The operator tree of a statement, one operator per line (like EXPLAIN).</summary>
    public string Explain(string query) => Compile(query).Explain();

    /// <summary>Writes a snapshot of the database now (also done automatically as the log grows).</summary>
    public void Checkpoint() => _store.Checkpoint();

    /// <summary>
    /// Bulk-loads CSV files of nodes and relationships in one transaction, without Cypher per row (see <see cref="Import.CsvImporter"/>).
    /// Throws <see cref="Import.ImportException"/> naming file:line on the first bad row; the store is then unchanged.
    /// </summary>
    public Task<Import.ImportReport> ImportAsync(Import.ImportSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Task.Run(() => new Import.CsvImporter(_store, spec).Run(cancellationToken), cancellationToken);
    }

    internal void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
            throw new ServiceUnavailableException("The embedded driver was disposed; open a new one.");
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
