namespace Graph.Engine.Cypher.Semantics;

/// <summary>
/// What the semantic pass knows statically about a value. Only certain knowledge is recorded; anything
/// that depends on data is <see cref="TypeKind.Any"/>, so checks never reject a query that could run.
/// </summary>
internal sealed record CypherType(TypeKind Kind, CypherType? Element = null)
{
    public static readonly CypherType Any = new(TypeKind.Any);
    public static readonly CypherType Null = new(TypeKind.Null);
    public static readonly CypherType Boolean = new(TypeKind.Boolean);
    public static readonly CypherType Integer = new(TypeKind.Integer);
    public static readonly CypherType Float = new(TypeKind.Float);
    public static readonly CypherType String = new(TypeKind.String);
    public static readonly CypherType Map = new(TypeKind.Map);
    public static readonly CypherType Node = new(TypeKind.Node);
    public static readonly CypherType Relationship = new(TypeKind.Relationship);
    public static readonly CypherType Path = new(TypeKind.Path);

    public static CypherType ListOf(CypherType? element) => new(TypeKind.List, element ?? Any);

    public bool IsKnown => Kind is not (TypeKind.Any or TypeKind.Null);

    public bool IsNumber => Kind is TypeKind.Integer or TypeKind.Float;

    public bool IsGraphEntity => Kind is TypeKind.Node or TypeKind.Relationship;

    public override string ToString() => Kind == TypeKind.List ? $"List<{Element}>" : Kind.ToString();
}
