namespace Graph.Engine.Procedures;

/// <summary>
/// One input or output of a procedure: its name and type, and for inputs an optional default value used when a call
/// passes fewer arguments.
/// </summary>
public sealed record ProcedureField(string Name, ProcedureType Type)
{
    public bool HasDefault { get; init; }

    public object? Default { get; init; }

    /// <summary>"name :: TYPE" or "name = default :: TYPE", as Neo4j prints a signature.</summary>
    public override string ToString() =>
        HasDefault ? $"{Name} = {Graph.Client.ValueFormatter.ToDisplayString(Default)} :: {Type}" : $"{Name} :: {Type}";
}
