using System.Runtime.CompilerServices;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// The clocks behind date(), datetime.statement(), datetime.transaction() and datetime.realtime(): the statement clock
/// is fixed for a whole statement (its first reading), the transaction clock for a whole transaction (when it began),
/// the real-time clock moves. Kept beside the query and transaction objects, not in them.
/// </summary>
internal static class TemporalClock
{
    private static readonly ConditionalWeakTable<QueryContext, StrongBox<Instant>> Statements = new();
    private static readonly ConditionalWeakTable<object, StrongBox<Instant>> Transactions = new();

    public static Instant Realtime() => Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);

    public static Instant Statement(QueryContext ctx) => Statements.GetValue(ctx, _ => new StrongBox<Instant>(Realtime())).Value;

    public static Instant Transaction(QueryContext ctx) =>
        Transactions.TryGetValue(ctx.Tx, out var started) ? started.Value : Statement(ctx);

    /// <summary>Called when an explicit transaction begins, so that every statement in it reads the same transaction time.</summary>
    public static void TransactionStarted(object transaction) => Transactions.AddOrUpdate(transaction, new StrongBox<Instant>(Realtime()));
}
