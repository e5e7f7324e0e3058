using System.Collections.Immutable;

namespace Graph.Engine.Procedures;

/// <summary>
/// The procedures one embedded database offers: the built-ins (<see cref="BuiltInProcedures"/>) and any an application
/// or test registers. The single place a procedure is declared: CALL resolves names here at compile time
/// (an unknown name is Neo.ClientError.Procedure.ProcedureNotFound), SHOW PROCEDURES lists it. Thread-safe.
/// </summary>
public sealed class ProcedureRegistry
{
    private ImmutableDictionary<string, ProcedureDefinition> _procedures = ImmutableDictionary.Create<string, ProcedureDefinition>(StringComparer.Ordinal);

    /// <summary>Raised after a registration: compiled statements that named the procedure must be planned again.</summary>
    internal event Action? Changed;

    /// <summary>Adds a procedure, or replaces the one with the same name.</summary>
    public void Register(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ImmutableInterlocked.AddOrUpdate(ref _procedures, procedure.Name, procedure, (_, _) => procedure);
        Changed?.Invoke();
    }

    /// <summary>Procedure names are case-sensitive, as in Neo4j.</summary>
    public bool TryGet(string name, out ProcedureDefinition procedure) => _procedures.TryGetValue(name, out procedure!);

    /// <summary>Every procedure, ordered by name (SHOW PROCEDURES' order).</summary>
    public IReadOnlyList<ProcedureDefinition> All => _procedures.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
}
