namespace Graph.Core.Model;

public enum ClaimRelationKind
{
    Supports,
    Contradicts,
}
