namespace Graph.Engine.Procedures;

/// <summary>
/// The body of a procedure: given the call's context and its arguments (runtime values, already checked and coerced to
/// the declared input types, defaults filled in), the rows it yields, each with one value per declared output in order.
/// A VOID procedure yields nothing. Rows are pulled as the query needs them.
/// </summary>
public delegate IEnumerable<object?[]> ProcedureImplementation(ProcedureContext context, IReadOnlyList<object?> arguments);
