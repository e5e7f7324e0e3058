using Graph.Engine.Functions;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>One aggregate call of a projection: count(DISTINCT x) into a slot.</summary>
internal sealed record AggregateSpec(string Function, bool Distinct, bool CountStar, Evaluator[] Arguments, int Slot);
