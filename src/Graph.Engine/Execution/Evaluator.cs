using System.Text;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>A compiled expression: evaluates against a row of slots.</summary>
internal delegate object? Evaluator(object?[] row, QueryContext ctx);
