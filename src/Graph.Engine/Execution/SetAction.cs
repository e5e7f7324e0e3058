using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>A SET or REMOVE item, applied to a row.</summary>
internal delegate void SetAction(object?[] row, QueryContext ctx);
