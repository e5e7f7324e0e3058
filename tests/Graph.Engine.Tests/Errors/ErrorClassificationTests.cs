using Graph.Client;
using Graph.Engine.Errors;
using Graph.Engine.Procedures;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Errors;

/// <summary>Failures get their status code from their type, never from words in their message.</summary>
public sealed class ErrorClassificationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "graph-engine-errors-" + Guid.NewGuid().ToString("N"));

    /// <summary>A temporal value the engine and the store do not know; its name holds "read" on purpose.</summary>
    private sealed class ReadingTime : ITemporalValue
    {
        public string CypherTypeName => "ReadingTime";
    }

    [Fact]
    public async Task A_parameter_of_an_unsupported_type_is_a_type_error_not_an_access_mode_error()
    {
        await using (var driver = EmbeddedDriver.Open(_dir, new EngineOptions { SyncOnCommit = false }))
        {
            var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("CREATE (:Stamp {at: $at})", new { at = new ReadingTime() }));
            Assert.Equal(Neo4jStatus.TypeError, error.Code);
            Assert.Contains("ReadingTime", error.Message);
            Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
        }
        await using var reopened = EmbeddedDriver.Open(_dir, new EngineOptions { SyncOnCommit = false });
        Assert.Equal(0L, await reopened.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task Storing_an_unsupported_value_type_names_the_value_not_the_access_mode()
    {
        await using var driver = EmbeddedDriver.Open(_dir, new EngineOptions { SyncOnCommit = false });
        driver.Procedures.Register(ProcedureDefinition.Declare("test.stamp() :: VOID", ProcedureMode.Write, "Stores an unsupported value.",
            (context, _) =>
            {
                context.Transaction.CreateNode([], [new(context.Tokens.GetOrCreatePropertyKey("at"), new ReadingTime())]);
                return [];
            }));
        // a procedure's failure is ProcedureCallFailed; its cause is the store refusing the value (once an
        // InvalidOperationException at commit whose type name held "read": reported as writing in a read transaction)
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("CALL test.stamp()"));
        Assert.Equal(Neo4jStatus.ProcedureCallFailed, error.Code);
        Assert.IsType<Graph.Storage.InvalidValueException>(error.InnerException);
        Assert.Contains("ReadingTime cannot be stored", error.Message);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public void A_write_in_a_read_transaction_is_an_access_mode_error_by_its_type()
    {
        var error = EngineErrors.ToGraphException(new Graph.Storage.ReadOnlyTransactionException("Writing is not allowed in a read transaction."));
        Assert.Equal(Neo4jStatus.AccessMode, error.Code);
        Assert.IsType<ClientException>(error);
    }

    [Theory]
    [InlineData("Cannot store a value of type ReadOnlyThing.")]
    [InlineData("The thread already read the value.")]
    public void An_unclassified_failure_is_never_an_access_mode_error_whatever_its_message(string message)
    {
        var error = EngineErrors.ToGraphException(new InvalidOperationException(message));
        Assert.Equal(Neo4jStatus.UnknownError, error.Code);
        Assert.IsType<DatabaseException>(error);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
