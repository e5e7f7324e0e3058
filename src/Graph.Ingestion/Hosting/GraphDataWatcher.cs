using System.Threading.Channels;

namespace Graph.Ingestion.Hosting;

/// <summary>
/// Watches a graph-data directory and signals once per burst of changes: an editor saving a file, or a git
/// checkout touching many, yields one reload after <c>debounce</c> of quiet.
/// </summary>
public sealed class GraphDataWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>();
    private readonly TimeSpan _debounce;

    public GraphDataWatcher(string directory, TimeSpan debounce)
    {
        _debounce = debounce;
        _watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => Signal(e.FullPath);
        _watcher.Created += (_, e) => Signal(e.FullPath);
        _watcher.Deleted += (_, e) => Signal(e.FullPath);
        _watcher.Renamed += (_, e) => Signal(e.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    private void Signal(string path)
    {
        // Editor swap and backup files do not change graph-data.
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal)) return;
        _changes.Writer.TryWrite(path);
    }

    /// <summary>Waits for a change, then for quiet; returns the changed paths of the burst.</summary>
    public async Task<IReadOnlyList<string>> WaitForChangesAsync(CancellationToken cancellationToken)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal) { await _changes.Reader.ReadAsync(cancellationToken) };
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(_debounce);
            try
            {
                paths.Add(await _changes.Reader.ReadAsync(quiet.Token));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                while (_changes.Reader.TryRead(out var late)) paths.Add(late);
                return paths.ToList();
            }
        }
    }

    public void Dispose() => _watcher.Dispose();
}
