using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>One relationship of a CREATE/MERGE pattern, from the node in FromSlot to the node in ToSlot.</summary>
internal sealed record CreateRelSpec(int Slot, RelTypeToken Type, int FromSlot, int ToSlot, Evaluator? Properties, string Variable, PropertyEntry[]? Entries = null);
