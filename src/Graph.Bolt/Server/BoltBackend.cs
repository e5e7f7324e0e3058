using Graph.Client;
using Microsoft.Extensions.Logging;

namespace Graph.Bolt.Server;

/// <summary>What the Bolt server serves and under which rules (the parts it shares with the Query API side of graph serve).</summary>
/// <param name="Driver">The store; each Bolt transaction runs in a session of its own.</param>
/// <param name="Authenticator">Users and roles.</param>
/// <param name="DatabaseNames">Names a client may ask for ("neo4j" and an alias); the first is the default.</param>
/// <param name="TransactionIdleTimeout">An open transaction or result without a message for this long is rolled back.</param>
/// <param name="QueryTimeout">Longest a query may run (a client's tx_timeout can only lower it); null leaves it to the store.</param>
/// <param name="Logger">Where connection failures are logged.</param>
public sealed record BoltBackend(
    IDriver Driver,
    IBoltAuthenticator Authenticator,
    IReadOnlyList<string> DatabaseNames,
    TimeSpan TransactionIdleTimeout,
    TimeSpan? QueryTimeout,
    ILogger Logger)
{
    /// <summary>What the server calls itself in HELLO's reply. Tools read the Neo4j version from it to pick features; we speak what Neo4j 5.26 speaks.</summary>
    public const string ServerAgent = "Neo4j/5.26.0";

    /// <summary>
    /// The idle timeout of a transaction once one of its statements wrote (it holds the store's single write lock, and
    /// every other writer waits for it); null: <see cref="TransactionIdleTimeout"/>. graph serve: Server:WriteTransactionIdleTimeout.
    /// </summary>
    public TimeSpan? WriteTransactionIdleTimeout { get; init; }

    /// <summary>Who may begin one more explicit transaction; null admits every BEGIN.</summary>
    public ITransactionAdmission? Transactions { get; init; }

    /// <summary>The clock of idle timeouts, time limits and the handshake deadline; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
