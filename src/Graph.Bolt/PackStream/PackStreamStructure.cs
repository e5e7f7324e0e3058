namespace Graph.Bolt.PackStream;

/// <summary>A structure read without interpretation: its tag and fields.</summary>
public sealed record PackStreamStructure(byte Tag, IReadOnlyList<object?> Fields);
