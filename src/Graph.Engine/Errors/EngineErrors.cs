using System.Text.RegularExpressions;
using Graph.Client;
using Graph.Storage;

namespace Graph.Engine.Errors;

/// <summary>
/// The one place that gives a failure its Neo4j status code. The engine's own errors are already contract exceptions
/// carrying their status (built by <see cref="Runtime.CypherErrors"/> and the front end); everything else (storage,
/// the runtime) is classified here by its exception type, never by its message text.
/// </summary>
internal static class EngineErrors
{
    /// <summary>The contract exception for <paramref name="e"/> (never a raw exception).</summary>
    public static GraphException ToGraphException(Exception e) => e switch
    {
        GraphException g => g,
        ConstraintViolationException c => new ClientException(Neo4jStatus.ConstraintValidationFailed, c.Message, c) { Detail = "ConstraintValidationFailed" },
        EntityNotFoundException n => new ClientException(Neo4jStatus.EntityNotFound, n.Message, n) { Detail = "EntityNotFound" },
        SchemaException s => new ClientException(Neo4jStatus.ExecutionFailed, s.Message, s),
        InvalidValueException v => new ClientException(Neo4jStatus.ArgumentError, v.Message, v) { Detail = "InvalidArgumentValue" },
        ReadOnlyTransactionException r => new ClientException(Neo4jStatus.AccessMode, "Writing in a read-only transaction is not allowed: " + r.Message, r),
        TransientStorageException t => new TransientException(Neo4jStatus.TransientLockError, t.Message, t),
        TransactionOutdatedException o => new TransientException(Neo4jStatus.TransactionOutdated, o.Message, o),
        StoreLimitException l => new ClientException(Neo4jStatus.ResourceLimit, l.Message, l),
        StorageCorruptedException c => new DatabaseException(Neo4jStatus.StorageCorrupted, c.Message, c),
        InsufficientExecutionStackException => new ClientException(Neo4jStatus.ExecutionFailed,
            "The statement nests too deeply to run (expressions, subqueries or patterns); simplify it.", e),
        RegexMatchTimeoutException => new ClientException(Neo4jStatus.ExecutionFailed,
            "A regular expression took too long to match; simplify the pattern.", e),
        OperationCanceledException => new ClientException(Neo4jStatus.Cancelled, "The statement was cancelled by the caller.", e),
        IOException io => new DatabaseException(Neo4jStatus.UnknownError, "The database files could not be written: " + io.Message, io),
        _ => new DatabaseException(Neo4jStatus.UnknownError, $"The embedded engine failed: {e.GetType().Name}: {e.Message}", e),
    };
}
