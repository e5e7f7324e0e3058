using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

internal static class RowCount
{
    public static long Evaluate(Evaluator e, QueryContext ctx, string clause)
    {
        var mark = ctx.Memory.Values;
        var v = e([], ctx);
        ctx.Memory.ReleaseValuesTo(mark);
        return v switch
        {
            long l when l >= 0 => l,
            long l => throw CypherErrors.Syntax("NegativeIntegerArgument", $"{clause} must not be negative (got {l})."),
            double d when d == Math.Floor(d) && d >= 0 => throw CypherErrors.Syntax("InvalidArgumentType", $"{clause} needs an Integer, got the Float {d}."),
            _ => throw CypherErrors.Syntax("InvalidArgumentType", $"{clause} needs a non-negative Integer, got {CypherValues.TypeName(v)} ({CypherValues.Describe(v)})."),
        };
    }
}
