namespace Graph.Engine.Execution;

/// <summary>What a column of a <see cref="HopRecordWriter"/> reads.</summary>
internal enum RecordColumnKind
{
    /// <summary>A property of the far node (<c>c.id</c>), read by node id.</summary>
    FarNodeProperty,
    /// <summary>A property of the (first) hop's relationship (<c>r.since</c>), read by relationship id.</summary>
    RelationshipProperty,
    /// <summary><c>type(r)</c> of the (first) hop's relationship.</summary>
    RelationshipType,
    /// <summary>A property of the second hop's relationship (<c>s.since</c>).</summary>
    SecondRelationshipProperty,
    /// <summary><c>type(s)</c> of the second hop's relationship.</summary>
    SecondRelationshipType,
    /// <summary><c>id(c)</c> of the far node.</summary>
    FarNodeId,
    /// <summary><c>id(r)</c> of the (first) hop's relationship.</summary>
    RelationshipId,
    /// <summary><c>id(s)</c> of the second hop's relationship.</summary>
    SecondRelationshipId,
    /// <summary>An expression of the source row only (a start node's property): its evaluator over the source row.</summary>
    SourceRowValue,
}
