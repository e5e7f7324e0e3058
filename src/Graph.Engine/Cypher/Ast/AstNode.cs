using Graph.Client;

namespace Graph.Engine.Cypher.Ast;

/// <summary>
/// Base of every syntax tree node. <see cref="Position"/> is where the node starts in the query text
/// (the first token), so errors can point at it.
/// Nodes are immutable records. Lists compare by reference, so use reference identity
/// (<see cref="ReferenceEqualityComparer"/>) when keying side tables by node.
/// </summary>
internal abstract record AstNode(InputPosition Position);
