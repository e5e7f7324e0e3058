using System.Diagnostics;
using Graph.Client;
using Graph.Engine.Planning;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Driver;

/// <summary>Runs a compiled statement inside a storage transaction and maps every failure to a <see cref="GraphException"/>.</summary>
internal static class StatementRunner
{
    public static QueryResult Run(CompiledStatement statement, StorageTransaction tx, TokenRegistry tokens,
        IReadOnlyDictionary<string, object?>? parameters, EngineOptions options, CancellationToken cancellation, DateTime? deadline)
    {
        var started = Stopwatch.GetTimestamp();
        var values = ParameterValues.Convert(parameters);
        foreach (var name in statement.Parameters)
            if (!values.ContainsKey(name))
                throw new ClientException(StatusCodes.ParameterMissing, $"Expected a value for parameter ${name}; pass it in the parameters map.")
                { Phase = ErrorPhase.CompileTime, Detail = "MissingParameter" };
        var ctx = new QueryContext(tx, tokens, values, options, cancellation, deadline);
        ctx.CheckNow();
        var keys = statement.Columns;
        var slots = statement.ColumnSlots;
        var records = new List<Record>();
        foreach (var row in statement.Root.Execute(ctx, new object?[statement.SlotCount]))
        {
            ctx.Tick();
            if (keys.Count == 0) continue;
            var cells = new object?[slots.Length];
            for (var i = 0; i < slots.Length; i++) cells[i] = ctx.ToClient(row[slots[i]]);
            records.Add(new Record(keys, cells));
        }
        return new QueryResult(keys, records, new ResultSummary
        {
            Query = statement.Query,
            Counters = ctx.Counters.ToCounters(),
            QueryType = statement.QueryType,
            ResultAvailableAfter = Stopwatch.GetElapsedTime(started),
        });
    }

    /// <summary>Maps storage and runtime failures to the contract's exceptions (never leaks a raw exception).</summary>
    public static GraphException Translate(Exception e) => e switch
    {
        GraphException g => g,
        ConstraintViolationException c => new ClientException(StatusCodes.ConstraintValidationFailed, c.Message, c) { Detail = "ConstraintValidationFailed" },
        EntityNotFoundException n => new ClientException(StatusCodes.EntityNotFound, n.Message, n) { Detail = "EntityNotFound" },
        SchemaException s => new ClientException(StatusCodes.ExecutionFailed, s.Message, s),
        TransientStorageException t => new TransientException(StatusCodes.TransientLockError, t.Message, t),
        StorageCorruptedException c => new DatabaseException(StatusCodes.StorageCorrupted, c.Message, c),
        InsufficientExecutionStackException => new ClientException(StatusCodes.ExecutionFailed,
            "The statement nests too deeply to run (expressions, subqueries or patterns); simplify it.", e),
        System.Text.RegularExpressions.RegexMatchTimeoutException => new ClientException(StatusCodes.ExecutionFailed,
            "A regular expression took too long to match; simplify the pattern.", e),
        OperationCanceledException => new ClientException(StatusCodes.Cancelled, "The statement was cancelled by the caller.", e),
        InvalidOperationException when e.Message.Contains("read", StringComparison.OrdinalIgnoreCase) =>
            new ClientException(StatusCodes.AccessMode, "Writing in a read-only transaction is not allowed: " + e.Message, e),
        IOException io => new DatabaseException(StatusCodes.UnknownError, "The database files could not be written: " + io.Message, io),
        _ => new DatabaseException(StatusCodes.UnknownError, $"The embedded engine failed: {e.GetType().Name}: {e.Message}", e),
    };
}
