using Graph.Client;
using Graph.Engine.Planning;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Driver;

/// <summary>Maps every failure of a running statement to a <see cref="GraphException"/>.</summary>
internal static class StatementRunner
{
    /// <summary>Maps storage and runtime failures to the contract's exceptions (never leaks a raw exception).</summary>
    public static GraphException Translate(Exception e) => e switch
    {
        GraphException g => g,
        ConstraintViolationException c => new ClientException(StatusCodes.ConstraintValidationFailed, c.Message, c) { Detail = "ConstraintValidationFailed" },
        EntityNotFoundException n => new ClientException(StatusCodes.EntityNotFound, n.Message, n) { Detail = "EntityNotFound" },
        SchemaException s => new ClientException(StatusCodes.ExecutionFailed, s.Message, s),
        InvalidValueException v => new ClientException(StatusCodes.ArgumentError, v.Message, v) { Detail = "InvalidArgumentValue" },
        TransientStorageException t => new TransientException(StatusCodes.TransientLockError, t.Message, t),
        TransactionOutdatedException o => new TransientException(StatusCodes.TransactionOutdated, o.Message, o),
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
