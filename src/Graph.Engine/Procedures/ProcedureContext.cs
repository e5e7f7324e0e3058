using Graph.Client;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Procedures;

/// <summary>What a procedure sees while it runs: the statement's transaction, the session's user and database.</summary>
public sealed class ProcedureContext
{
    internal ProcedureContext(QueryContext query, ProcedureDefinition procedure)
    {
        Query = query;
        Procedure = procedure;
    }

    /// <summary>The running statement (transaction, parameters, counters, cancellation).</summary>
    internal QueryContext Query { get; }

    /// <summary>The procedure being called.</summary>
    public ProcedureDefinition Procedure { get; }

    /// <summary>The statement's storage transaction: read what the statement would read (its own writes included).</summary>
    public StorageTransaction Transaction => Query.Tx;

    public TokenRegistry Tokens => Query.Tokens;

    /// <summary>Who the session runs for (<see cref="SessionConfig.User"/>); null in process.</summary>
    public SessionUser? User => Query.User;

    /// <summary>The database the session addresses ("neo4j" unless the session names another).</summary>
    public string Database => Query.Database;

    /// <summary>Call once per row produced by a long listing: checks cancellation and the statement's deadline.</summary>
    public void Tick() => Query.Tick();
}
