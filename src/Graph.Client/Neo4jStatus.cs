namespace Graph.Client;

/// <summary>Neo4j status codes used by the contract. Stores report these codes verbatim.</summary>
public static class Neo4jStatus
{
    public const string SyntaxError = "Neo.ClientError.Statement.SyntaxError";
    public const string SemanticError = "Neo.ClientError.Statement.SemanticError";
    public const string TypeError = "Neo.ClientError.Statement.TypeError";
    public const string ArgumentError = "Neo.ClientError.Statement.ArgumentError";
    public const string ParameterMissing = "Neo.ClientError.Statement.ParameterMissing";
    public const string EntityNotFound = "Neo.ClientError.Statement.EntityNotFound";
    public const string ArithmeticError = "Neo.ClientError.Statement.ArithmeticError";
    public const string ExecutionFailed = "Neo.ClientError.Statement.ExecutionFailed";
    public const string ConstraintValidationFailed = "Neo.ClientError.Schema.ConstraintValidationFailed";
    public const string ConstraintAlreadyExists = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists";
    public const string ConstraintNotFound = "Neo.ClientError.Schema.ConstraintNotFound";
    public const string IndexNotFound = "Neo.ClientError.Schema.IndexNotFound";
    public const string IndexAlreadyExists = "Neo.ClientError.Schema.IndexAlreadyExists";
    public const string ConstraintCreationFailed = "Neo.ClientError.Schema.ConstraintCreationFailed";
    /// <summary>Deleting a node that still has relationships without DETACH.</summary>
    public const string DeleteConstraintViolation = "Neo.ClientError.Schema.ConstraintValidationFailed";
    public const string AccessMode = "Neo.ClientError.Statement.AccessMode";
    /// <summary>CALL named a procedure the database does not have (names are case-sensitive).</summary>
    public const string ProcedureNotFound = "Neo.ClientError.Procedure.ProcedureNotFound";
    /// <summary>A procedure failed while it ran; the message carries its cause.</summary>
    public const string ProcedureCallFailed = "Neo.ClientError.Procedure.ProcedureCallFailed";
    /// <summary>A procedure received an argument of a type its signature does not accept (known only at runtime, e.g. a parameter).</summary>
    public const string ProcedureTypeError = "Neo.ClientError.Procedure.TypeError";
    public const string Forbidden = "Neo.ClientError.Security.Forbidden";
    public const string Unauthorized = "Neo.ClientError.Security.Unauthorized";
    /// <summary>Too many failed logins in a row: further attempts are refused for a while (Neo4j: dbms.security.auth_lock_time).</summary>
    public const string AuthenticationRateLimit = "Neo.ClientError.Security.AuthenticationRateLimit";
    public const string DatabaseNotFound = "Neo.ClientError.Database.DatabaseNotFound";
    public const string TransactionNotFound = "Neo.ClientError.Transaction.TransactionNotFound";
    /// <summary>A statement ran past the store's own time limit (Neo4j: db.transaction.timeout; the engine: EngineOptions.QueryTimeout).</summary>
    public const string TransactionTimedOut = "Neo.ClientError.Transaction.TransactionTimedOut";
    public const string TransactionTerminated = "Neo.ClientError.Transaction.Terminated";
    public const string InvalidRequest = "Neo.ClientError.Request.Invalid";
    public const string InvalidFormat = "Neo.ClientError.Request.InvalidFormat";
    public const string RequestTooLarge = "Neo.ClientError.Request.Invalid";
    /// <summary>A statement ran past the timeout its client set when it began (TransactionConfig.Timeout, the Query API's maxExecutionTime).</summary>
    public const string QueryTimeout = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";
    public const string Cancelled = "Neo.ClientError.Transaction.Terminated";
    public const string ResourceLimit = "Neo.ClientError.General.ResourceLimit";
    /// <summary>No room for another transaction (Neo4j: db.transaction.concurrent.maximum); retry after one ends.</summary>
    public const string MaximumTransactionLimitReached = "Neo.TransientError.Transaction.MaximumTransactionLimitReached";
    /// <summary>A write lock not acquired in time (Neo4j's lock acquisition timeout). Drivers retry it; they would not retry LockClientStopped.</summary>
    public const string TransientLockError = "Neo.TransientError.Transaction.LockAcquisitionTimeout";
    /// <summary>A transaction read a state that a later commit made stale before it wrote; retry it.</summary>
    public const string TransactionOutdated = "Neo.TransientError.Transaction.Outdated";
    /// <summary>A statement needed more memory than its limit allows (the engine: EngineOptions.QueryMemoryLimit).</summary>
    public const string MemoryPoolOutOfMemory = "Neo.TransientError.General.MemoryPoolOutOfMemoryError";
    public const string ServiceUnavailable = "Neo.TransientError.General.DatabaseUnavailable";
    public const string UnknownError = "Neo.DatabaseError.General.UnknownError";
    public const string StorageCorrupted = "Neo.DatabaseError.General.StorageDamageDetected";

    /// <summary>Creates the exception subclass that matches a code's classification.</summary>
    public static GraphException Create(string code, string message, Exception? inner = null) =>
        code.Split('.') is { Length: >= 2 } parts
            ? parts[1] switch
            {
                "ClientError" when code == Unauthorized => new AuthenticationException(message),
                "ClientError" => new ClientException(code, message, inner),
                "TransientError" => new TransientException(code, message, inner),
                _ => new DatabaseException(code, message, inner),
            }
            : new DatabaseException(code, message, inner);
}
