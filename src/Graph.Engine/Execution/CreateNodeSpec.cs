using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// One node of a CREATE/MERGE pattern: bound earlier (reused) or created with labels and properties: either a literal
/// map compiled key by key (<paramref name="Entries"/>: no map is built per row) or any expression giving a map.
/// </summary>
internal sealed record CreateNodeSpec(int Slot, bool Bound, LabelToken[] Labels, Evaluator? Properties, string Variable, PropertyEntry[]? Entries = null);
