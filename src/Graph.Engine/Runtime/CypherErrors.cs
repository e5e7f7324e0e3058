using Graph.Client;

namespace Graph.Engine.Runtime;

/// <summary>Builds the engine's client errors with the Neo4j status code and the TCK detail name.</summary>
internal static class CypherErrors
{
    public static ClientException TypeError(string detail, string message) =>
        new(Neo4jStatus.TypeError, message) { Phase = ErrorPhase.Runtime, Detail = detail };

    public static ClientException ArgumentError(string detail, string message) =>
        new(Neo4jStatus.ArgumentError, message) { Phase = ErrorPhase.Runtime, Detail = detail };

    public static ClientException Arithmetic(string detail, string message) =>
        new(Neo4jStatus.ArithmeticError, message) { Phase = ErrorPhase.Runtime, Detail = detail };

    public static ClientException Semantic(string detail, string message, ErrorPhase phase = ErrorPhase.Runtime) =>
        new(Neo4jStatus.SemanticError, message) { Phase = phase, Detail = detail };

    public static ClientException Syntax(string detail, string message, ErrorPhase phase = ErrorPhase.Runtime) =>
        new(Neo4jStatus.SyntaxError, message) { Phase = phase, Detail = detail };

    public static ClientException EntityNotFound(string detail, string message) =>
        new(Neo4jStatus.EntityNotFound, message) { Phase = ErrorPhase.Runtime, Detail = detail };

    public static ClientException Failed(string message) =>
        new(Neo4jStatus.ExecutionFailed, message) { Phase = ErrorPhase.Runtime };

    public static ClientException InvalidArgumentType(string function, object? value, string expected) =>
        TypeError("InvalidArgumentType", $"{function}: expected {expected} but got {CypherValues.TypeName(value)} ({CypherValues.Describe(value)}).");

    public static ClientException IntegerOverflow(string what) =>
        Arithmetic("IntegerOverflow", $"integer overflow in {what}; the result does not fit in a 64-bit integer.");
}
