namespace Graph.Engine.Execution;

/// <summary>An index or constraint command (the leaf, and only operator, of its statement).</summary>
internal sealed class SchemaCommandOp(Cypher.Ast.SchemaCommand command) : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(Runtime.QueryContext ctx, object?[] argument) => SchemaCommands.Run(ctx, command);

    public override string Describe() => SchemaCommands.Describe(command);
}
