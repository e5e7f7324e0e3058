using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Procedures;

namespace Graph.Engine.Planning;

/// <summary>Planning of CALL proc(...) [YIELD ...] [WHERE ...], standalone or inside a query.</summary>
internal sealed partial class QueryPlanner
{
    /// <param name="standalone">The CALL is the whole statement: its outputs (or what it yields) are the result columns.</param>
    private PlanOperator PlanProcedureCall(PlanOperator op, CallClause call, SlotLayout layout, bool standalone, out List<string> columns, out int[] slots)
    {
        var procedure = _bound.ProcedureOf(call); // resolved (or refused as ProcedureNotFound) by the binder

        var arguments = new Evaluator?[procedure.Inputs.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (call.Arguments is null)
                arguments[i] = ImplicitArgument(procedure.Inputs[i], call.Position);
            else if (i < call.Arguments.Count)
                arguments[i] = Compile(call.Arguments[i], layout);
        }

        var outputSlots = Enumerable.Repeat(-1, procedure.Outputs.Count).ToArray();
        columns = [];
        var resultSlots = new List<int>();
        if (call.Yield is { } yield)
        {
            foreach (var item in yield)
            {
                var index = procedure.Outputs.ToList().FindIndex(o => o.Name == item.Field);
                var slot = NewSlot();
                outputSlots[index] = slot;
                layout.Place(_bound.SymbolOf(item.Variable), slot);
                columns.Add(item.Variable.Name);
                resultSlots.Add(slot);
            }
        }
        else if (standalone)
        {
            // CALL proc() and CALL proc() YIELD *: every output is a column
            for (var i = 0; i < procedure.Outputs.Count; i++)
            {
                outputSlots[i] = NewSlot(); // the whole statement: nothing reads them but the result
                columns.Add(procedure.Outputs[i].Name);
                resultSlots.Add(outputSlots[i]);
            }
        }
        slots = [.. resultSlots];

        if (procedure.Mode is ProcedureMode.Write or ProcedureMode.Schema)
        {
            _isWrite = true;
            op = new EagerOp(op);
        }
        op = new ProcedureCallOp(op, procedure, arguments, outputSlots);
        if (call.Where is not null)
            op = new FilterOp(op, CompilePredicate(call.Where, layout), CypherPrinter.Print(call.Where));
        return op;
    }

    /// <summary>
    /// CALL proc (no parentheses): each input comes from the parameter of the same name. A missing parameter fails before
    /// the statement runs, unless the input has a default value.
    /// </summary>
    private Evaluator ImplicitArgument(ProcedureField input, InputPosition position)
    {
        if (!input.HasDefault) return Compile(new Parameter(position, input.Name), new SlotLayout());
        var name = input.Name;
        var fallback = input.Default;
        return (_, ctx) => ctx.Parameters.TryGetValue(name, out var value) ? value : fallback;
    }
}
