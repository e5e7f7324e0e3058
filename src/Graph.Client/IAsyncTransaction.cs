namespace Graph.Client;

public interface IAsyncTransaction : IQueryRunner, IAsyncDisposable
{
    /// <summary>True until commit or rollback (or a failure that ended the transaction).</summary>
    bool IsOpen { get; }

    Task CommitAsync(CancellationToken cancellationToken = default);

    Task RollbackAsync(CancellationToken cancellationToken = default);
}
