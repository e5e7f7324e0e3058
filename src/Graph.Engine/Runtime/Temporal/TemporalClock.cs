using System.Runtime.CompilerServices;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// The clocks behind date(), datetime.statement(), datetime.transaction() and datetime.realtime(): the statement clock
/// is fixed for a whole statement (its first reading), the transaction clock for a whole transaction (when it began),
/// the real-time clock moves. The statement clock is kept in the query context, the transaction clock beside the transaction.
/// </summary>
internal static class TemporalClock
{
    private static readonly ConditionalWeakTable<object, StrongBox<Instant>> Transactions = new();

    public static Instant Realtime() => Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);

    // kept in the context, which a session may reuse for its next statement (QueryContext.Restart forgets it)
    public static Instant Statement(QueryContext ctx) => ctx.StatementTime ??= Realtime();

    public static Instant Transaction(QueryContext ctx) =>
        Transactions.TryGetValue(ctx.Tx, out var started) ? started.Value : Statement(ctx);

    /// <summary>Called when an explicit transaction begins, so that every statement in it reads the same transaction time.</summary>
    public static void TransactionStarted(object transaction) => Transactions.AddOrUpdate(transaction, new StrongBox<Instant>(Realtime()));
}
