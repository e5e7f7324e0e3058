using Graph.Client;
using Graph.Engine.Procedures;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// CALL proc(args) [YIELD ...]: for every input row, calls the procedure and produces one row per row it yields, with
/// the yielded outputs in their slots (<paramref name="outputSlots"/>[i] is the slot of output i, or -1 when not
/// yielded). A VOID procedure passes each input row on once, after it ran.
/// </summary>
/// <param name="arguments">One per declared input; null entries take the input's default value.</param>
internal sealed class ProcedureCallOp(PlanOperator source, ProcedureDefinition procedure, Evaluator?[] arguments, int[] outputSlots) : PlanOperator
{
    public ProcedureDefinition Procedure => procedure;

    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        var context = new ProcedureContext(ctx, procedure);
        foreach (var row in source.Execute(ctx, argument))
        {
            var values = new object?[procedure.Inputs.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var input = procedure.Inputs[i];
                var value = arguments[i] is { } evaluate ? evaluate(row, ctx) : input.Default;
                values[i] = input.Type.Coerce(value, procedure.Name, input.Name);
            }
            using var results = Start(context, values);
            while (Next(results) is { } result)
            {
                ctx.Tick();
                if (procedure.IsVoid) continue;
                if (result.Length != procedure.Outputs.Count)
                    throw Failed(new InvalidOperationException($"it yielded a row of {result.Length} values for {procedure.Outputs.Count} outputs"));
                var copy = (object?[])row.Clone();
                for (var i = 0; i < outputSlots.Length; i++)
                    if (outputSlots[i] >= 0) copy[outputSlots[i]] = result[i];
                yield return copy;
            }
            if (procedure.IsVoid)
            {
                yield return row;
            }
        }
    }

    private IEnumerator<object?[]> Start(ProcedureContext context, object?[] values)
    {
        try
        {
            return procedure.Implementation(context, values).GetEnumerator();
        }
        catch (Exception e) when (IsProcedureFault(e))
        {
            throw Failed(e);
        }
    }

    private object?[]? Next(IEnumerator<object?[]> results)
    {
        try
        {
            return results.MoveNext() ? results.Current ?? throw new InvalidOperationException("it yielded a null row") : null;
        }
        catch (Exception e) when (IsProcedureFault(e))
        {
            throw Failed(e);
        }
    }

    /// <summary>Cypher errors, cancellation and storage failures keep their own meaning; anything else is the procedure's fault.</summary>
    private static bool IsProcedureFault(Exception e) =>
        e is not (GraphException or OperationCanceledException or IOException
            or Graph.Storage.StorageCorruptedException or Graph.Storage.TransientStorageException);

    /// <summary>A failure inside the procedure's own code (not a Cypher error it raised on purpose).</summary>
    private ClientException Failed(Exception cause) =>
        new(Neo4jStatus.ProcedureCallFailed, $"Failed to invoke procedure `{procedure.Name}`: Caused by: {cause.GetType().Name}: {cause.Message}", cause)
        { Phase = ErrorPhase.Runtime, Detail = "ProcedureCallFailed" };

    public override string Describe() => $"ProcedureCall({procedure.Name})";
    public override IEnumerable<PlanOperator> Children => [source];
}
