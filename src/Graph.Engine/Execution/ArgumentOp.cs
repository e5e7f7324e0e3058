using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>Yields the argument row once: the leaf of every plan.</summary>
internal sealed class ArgumentOp : PlanOperator
{
    protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
    {
        StackGuard.Ensure();
        yield return argument;
    }

    public override string Describe() => "Argument";
}
