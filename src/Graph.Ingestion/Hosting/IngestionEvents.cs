namespace Graph.Ingestion.Hosting;

/// <summary>
/// What the hosted ingestion did, for whoever hosts it: the CLI renders progress and the summary from here, tests
/// count reloads. Kept free of console code.
/// </summary>
public sealed class IngestionEvents
{
    private int _loads;

    public IProgress<IngestionProgress>? Progress { get; set; }

    /// <summary>Raised after every load attempt (the first one and each reload), successful or not.</summary>
    public event Action<IngestionReport>? Loaded;

    /// <summary>Raised when a load threw (the store was left unchanged).</summary>
    public event Action<Exception>? Failed;

    public IngestionReport? LastReport { get; private set; }
    public Exception? LastError { get; private set; }
    public int LoadCount => Volatile.Read(ref _loads);

    internal void OnLoaded(IngestionReport report)
    {
        LastReport = report;
        LastError = null;
        Interlocked.Increment(ref _loads);
        Loaded?.Invoke(report);
    }

    internal void OnFailed(Exception error)
    {
        LastError = error;
        Interlocked.Increment(ref _loads);
        Failed?.Invoke(error);
    }
}
