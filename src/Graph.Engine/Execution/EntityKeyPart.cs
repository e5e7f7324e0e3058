using Graph.Engine.Functions;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// A grouping key that is a function of one entity of the row (<c>n</c>, <c>n.id</c>, <c>type(r)</c>): rows with the
/// same entities (or the same relationship type, <paramref name="TypeOnly"/>) are in the same group, so the group can be
/// found by the entity ids without evaluating and hashing the key. With <paramref name="Value"/> (a relationship's
/// property) the part is the key's value instead when that is an integer, boolean or null (the entity id otherwise).
/// </summary>
internal readonly record struct EntityKeyPart(int Slot, bool TypeOnly, Evaluator? Value = null);
