namespace Graph.Queries.Export;

public enum NetworkKind
{
    /// <summary>One-mode experts: edge weight = normalized number of claims both endorse or both criticize.</summary>
    Congruence,

    /// <summary>One-mode experts: edge weight = normalized number of claims one endorses and the other criticizes.</summary>
    Conflict,

    /// <summary>One-mode experts: congruence minus conflict (may be negative).</summary>
    Subtract,

    /// <summary>Two-mode experts x claims: one edge per stance, with its polarity.</summary>
    TwoMode,
}
