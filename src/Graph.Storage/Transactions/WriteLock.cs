namespace Graph.Storage.Transactions;

/// <summary>
/// The store's single write lock, granted strictly in arrival order (FIFO). Release hands the lock straight to the
/// oldest waiter, so a writer that commits and begins again at once queues behind everyone already waiting, and
/// no waiter (a checkpoint included) can be starved. <see cref="SemaphoreSlim"/> gives no such order.
/// </summary>
internal sealed class WriteLock
{
    private readonly object _sync = new();
    private readonly LinkedList<Waiter> _queue = new();
    private bool _held;

    /// <summary>How many are waiting now (for tests that need to know a waiter has queued).</summary>
    public int Waiting
    {
        get { lock (_sync) return _queue.Count; }
    }

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> in line; false when the time ran out.</summary>
    public bool TryEnter(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<Waiter> node;
        lock (_sync)
        {
            if (!_held && _queue.Count == 0)
            {
                _held = true;
                return true;
            }
            node = _queue.AddLast(new Waiter());
        }
        bool granted;
        try
        {
            granted = node.Value.Granted.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (!GiveUp(node)) Exit(); // granted just as the wait was cancelled: pass it on
            throw;
        }
        // A timeout still owns the lock when it was handed over between the wait's end and GiveUp.
        return granted || !GiveUp(node);
    }

    /// <summary>Leaves the queue; false when the lock had already been handed to this waiter (it then owns it).</summary>
    private bool GiveUp(LinkedListNode<Waiter> node)
    {
        lock (_sync)
        {
            if (node.Value.Owns) return false;
            _queue.Remove(node);
            return true;
        }
    }

    /// <summary>Releases the lock to the oldest waiter, or frees it.</summary>
    public void Exit()
    {
        lock (_sync)
        {
            if (!_held) throw new SynchronizationLockException("The write lock is not held.");
            if (_queue.First is { } first)
            {
                _queue.RemoveFirst();
                first.Value.Owns = true; // _held stays true: ownership passes without a gap anyone could slip into
                first.Value.Granted.Set();
                return;
            }
            _held = false;
        }
    }

    private sealed class Waiter
    {
        // Waited on with Wait() only, so it never allocates a kernel handle and needs no Dispose.
        public readonly ManualResetEventSlim Granted = new(false);
        public bool Owns;
    }
}
