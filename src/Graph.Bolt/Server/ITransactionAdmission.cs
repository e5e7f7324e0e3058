using Graph.Client;

namespace Graph.Bolt.Server;

/// <summary>
/// Decides whether a user may begin one more explicit transaction. <c>graph serve</c> implements it with the cap it
/// also applies to the Query API (Server:MaxTransactionsPerUser, counted across both protocols).
/// </summary>
public interface ITransactionAdmission
{
    /// <summary>
    /// Counts a transaction of <paramref name="user"/> (null: authentication off) until the returned lease is
    /// disposed, or throws a <see cref="GraphException"/> to refuse it (Neo.TransientError.Transaction.MaximumTransactionLimitReached).
    /// </summary>
    IDisposable Admit(SessionUser? user);
}
