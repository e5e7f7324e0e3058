using System.Collections.Concurrent;
using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>Idle connections per server, at most <see cref="BoltDriverOptions.MaxConnectionPoolSize"/> in use per server.</summary>
internal sealed class ConnectionPool(BoltDriverOptions options) : IAsyncDisposable
{
    private sealed class Slot
    {
        public ConcurrentBag<BoltClientConnection> Idle { get; } = [];
        public SemaphoreSlim InUse { get; init; } = null!;
    }

    private readonly ConcurrentDictionary<string, Slot> _slots = new();
    private volatile bool _disposed;

    public async Task<BoltClientConnection> AcquireAsync(BoltAddress address, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var slot = _slots.GetOrAdd(address.HostPort, _ => new Slot { InUse = new SemaphoreSlim(options.MaxConnectionPoolSize) });
        if (!await slot.InUse.WaitAsync(options.ConnectionTimeout, cancellationToken).ConfigureAwait(false))
            throw new ServiceUnavailableException(
                $"All {options.MaxConnectionPoolSize} connections to {address} are in use (BoltDriverOptions.MaxConnectionPoolSize); none came free within {options.ConnectionTimeout.TotalSeconds:0.#} s.");
        try
        {
            while (slot.Idle.TryTake(out var idle))
            {
                if (idle.IsUsable && !idle.NeedsReset) return idle;
                await idle.DisposeAsync().ConfigureAwait(false);
            }
            return await BoltClientConnection.OpenAsync(address, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.InUse.Release();
            throw;
        }
    }

    /// <summary>Gives a connection back: cleaned with RESET when a failure left it so, thrown away when broken.</summary>
    public async Task ReleaseAsync(BoltClientConnection connection)
    {
        var slot = _slots[connection.Address.HostPort];
        try
        {
            if (connection.NeedsReset && connection.IsUsable)
            {
                using var timeout = new CancellationTokenSource(options.ConnectionTimeout);
                await connection.ResetAsync(timeout.Token).ConfigureAwait(false);
            }
            if (connection.IsUsable && !connection.NeedsReset && !_disposed)
            {
                connection.LastUsed = DateTime.UtcNow;
                slot.Idle.Add(connection);
            }
            else
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            slot.InUse.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var slot in _slots.Values)
            while (slot.Idle.TryTake(out var connection))
                await connection.DisposeAsync().ConfigureAwait(false);
    }
}
