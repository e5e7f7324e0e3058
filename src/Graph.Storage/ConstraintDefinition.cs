namespace Graph.Storage;

public sealed record ConstraintDefinition(string Name, int Label, IReadOnlyList<int> PropertyKeys);
