using Graph.Bolt.Server;
using Graph.Client;
using Graph.Server.Policy;

namespace Graph.Server.Bolt;

/// <summary>Bolt's BEGIN counted in the same per-user quota as the Query API's transactions (Server:MaxTransactionsPerUser).</summary>
internal sealed class QuotaAdmission(TransactionQuota quota) : ITransactionAdmission
{
    public IDisposable Admit(SessionUser? user) => quota.Enter(user?.Name);
}
