namespace Graph.Client;

public interface IAsyncSession : IQueryRunner, IAsyncDisposable
{
    SessionConfig Config { get; }

    /// <summary>Starts an explicit transaction. Only one transaction may be open per session.</summary>
    Task<IAsyncTransaction> BeginTransactionAsync(TransactionConfig? config = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="work"/> in a transaction that commits when it returns and rolls back when it throws.</summary>
    async Task<T> ExecuteWriteAsync<T>(Func<IAsyncTransaction, Task<T>> work, TransactionConfig? config = null, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginTransactionAsync(config, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await work(tx).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            if (tx.IsOpen) await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Bookmarks of the last committed transaction of this session.</summary>
    IReadOnlyList<string> LastBookmarks { get; }
}
