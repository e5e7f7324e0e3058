using System.Diagnostics;
using System.Globalization;
using Graph.Client;

namespace Graph.Engine.Runtime;

/// <summary>
/// When a statement must stop, as a timestamp of the engine's clock (<see cref="EngineOptions.TimeProvider"/>), and who
/// set the limit: Neo4j reports its own limit (TransactionTimedOut) and a client's (TransactionTimedOutClientConfiguration)
/// with different codes. A value (every statement of an engine with a default timeout has one).
/// </summary>
internal readonly struct Deadline
{
    private Deadline(long timestamp, TimeSpan timeout, bool setByClient)
    {
        Timestamp = timestamp;
        Timeout = timeout;
        SetByClient = setByClient;
    }

    public long Timestamp { get; }
    public TimeSpan Timeout { get; }
    public bool SetByClient { get; }

    /// <summary>
    /// The deadline of work starting now: the client's timeout when it gave one, else the engine's default
    /// (<see cref="EngineOptions.QueryTimeout"/>), else none. Any timeout is accepted (huge ones saturate).
    /// </summary>
    public static Deadline? Start(TimeSpan? clientTimeout, EngineOptions options) => Start(clientTimeout, options, Stopwatch.GetTimestamp());

    /// <summary>
    /// As <see cref="Start(TimeSpan?, EngineOptions)"/>, with the system clock read by the caller at
    /// <paramref name="systemNow"/> (<see cref="Stopwatch.GetTimestamp"/>): a statement reads it once for its deadline
    /// and its timings. An engine with a clock of its own reads that one instead.
    /// </summary>
    public static Deadline? Start(TimeSpan? clientTimeout, EngineOptions options, long systemNow)
    {
        var byClient = clientTimeout is not null;
        if ((clientTimeout ?? options.QueryTimeout) is not { } timeout) return null;
        var clock = options.TimeProvider;
        var now = Now(clock, systemNow);
        var ticks = Math.Max(0, timeout.TotalSeconds) * clock.TimestampFrequency;
        var at = ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
        return new Deadline(at, timeout, byClient);
    }

    public bool HasPassed(TimeProvider clock) => clock.GetTimestamp() > Timestamp;

    /// <summary>Whether the deadline had passed at <paramref name="systemNow"/>, a reading of the system clock (see <see cref="Start(TimeSpan?, EngineOptions, long)"/>).</summary>
    public bool HasPassed(TimeProvider clock, long systemNow) => Now(clock, systemNow) > Timestamp;

    private static long Now(TimeProvider clock, long systemNow) =>
        ReferenceEquals(clock, TimeProvider.System) ? systemNow : clock.GetTimestamp();

    public ClientException Error()
    {
        var limit = Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        return SetByClient
            ? new ClientException(Neo4jStatus.QueryTimeout,
                $"The statement ran past the timeout its transaction was given ({limit}, TransactionConfig.Timeout or the request's " +
                "maxExecutionTime) and was stopped; what it wrote was undone. Ask for a longer timeout or narrow the query.")
            { Phase = ErrorPhase.Runtime }
            : new ClientException(Neo4jStatus.TransactionTimedOut,
                $"The statement ran past the engine's time limit ({limit}, EngineOptions.QueryTimeout) and was stopped; what it " +
                "wrote was undone. Raise EngineOptions.QueryTimeout, pass a longer TransactionConfig.Timeout, or narrow the query.")
            { Phase = ErrorPhase.Runtime };
    }
}
