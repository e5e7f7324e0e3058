using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Semantics;

// Binding the variables of patterns in MATCH, CREATE and MERGE.
internal sealed partial class SemanticAnalyzer
{
    /// <summary>MATCH: new variables are bound; existing ones must have a compatible type.</summary>
    private Scope BindMatchPattern(Pattern pattern, Scope scope)
    {
        var relationshipsInPattern = new HashSet<string>();
        foreach (var part in pattern.Parts)
            scope = BindMatchPart(part, scope, relationshipsInPattern);
        return scope;
    }

    private Scope BindMatchPart(PatternPart part, Scope scope, HashSet<string> relationshipsInPattern)
    {
        if (part.PathVariable is { } path)
        {
            if (scope.Contains(path.Name)
                || part.Element.Nodes.Any(n => n.Variable?.Name == path.Name)
                || part.Element.Relationships.Any(r => r.Variable?.Name == path.Name))
                throw AlreadyBound(path);
        }
        var element = part.Element;
        if (part.Selector != PathSelector.All && element.Relationships.Count != 1)
            throw Error(part, "shortestPath needs a pattern with exactly one relationship, like (a)-[*]-(b)", "UnsupportedPattern", Neo4jStatus.SemanticError);
        for (var i = 0; i < element.Nodes.Count; i++)
        {
            var node = element.Nodes[i];
            scope = BindNode(node, scope);
            CheckProperties(node.Properties, scope, allowParameter: false);
            if (i < element.Relationships.Count)
            {
                var relationship = element.Relationships[i];
                if (relationship.Variable is { } variable && !relationshipsInPattern.Add(variable.Name))
                    throw Error(variable, $"Cannot use the same relationship variable '{variable.Name}' for multiple relationships", "RelationshipUniquenessViolation");
                scope = BindRelationship(relationship, scope);
                CheckProperties(relationship.Properties, scope, allowParameter: false);
            }
        }
        if (part.PathVariable is { } pathVariable)
            scope = Declare(scope, pathVariable, CypherType.Path);
        return scope;
    }

    private Scope BindNode(NodePattern node, Scope scope)
    {
        if (node.Variable is not { } variable)
            return scope;
        var existing = scope.TypeOf(variable.Name);
        if (existing is null)
            return Declare(scope, variable, CypherType.Node);
        if (existing.Kind is not (TypeKind.Node or TypeKind.Any or TypeKind.Null))
            throw TypeConflict(variable, "Node", existing);
        Resolve(variable, scope);
        return scope;
    }

    private Scope BindRelationship(RelationshipPattern relationship, Scope scope)
    {
        if (relationship.Variable is not { } variable)
            return scope;
        var expected = relationship.Length is null ? CypherType.Relationship : CypherType.ListOf(CypherType.Relationship);
        var existing = scope.TypeOf(variable.Name);
        if (existing is null)
            return Declare(scope, variable, expected);
        var compatible = existing.Kind is TypeKind.Any or TypeKind.Null
            || (relationship.Length is null ? existing.Kind == TypeKind.Relationship : existing.Kind is TypeKind.List or TypeKind.Relationship);
        if (!compatible)
            throw TypeConflict(variable, relationship.Length is null ? "Relationship" : "List<Relationship>", existing);
        Resolve(variable, scope);
        return scope;
    }

    private Exception TypeConflict(Variable variable, string expected, CypherType actual) =>
        Error(variable, $"Type mismatch: `{variable.Name}` defined with conflicting type {actual} (expected {expected})", "VariableTypeConflict");

    private void CheckProperties(Expression? properties, Scope scope, bool allowParameter)
    {
        switch (properties)
        {
            case null:
                return;
            case Parameter parameter when !allowParameter:
                throw Error(parameter, "Parameter maps cannot be used in MATCH or MERGE patterns (use a literal map instead, e.g. {id: $param.id})", "InvalidParameterUse");
            default:
                Check(properties, scope, ExpressionContext.Plain);
                return;
        }
    }

    /// <summary>
    /// CREATE and MERGE: relationships are new (one type, directed for CREATE, fixed length); a bound node may
    /// only be referenced as an endpoint, without labels or properties.
    /// </summary>
    private Scope BindUpdatePattern(IReadOnlyList<PatternPart> parts, Scope scope, bool isMerge)
    {
        var clauseName = isMerge ? "MERGE" : "CREATE";
        foreach (var part in parts)
        {
            if (part.PathVariable is { } path && scope.Contains(path.Name))
                throw AlreadyBound(path);
            if (part.Selector != PathSelector.All)
                throw Error(part, $"{clauseName} does not support shortestPath/allShortestPaths", "UnexpectedSyntax");
            var element = part.Element;
            for (var i = 0; i < element.Nodes.Count; i++)
            {
                var node = element.Nodes[i];
                if (node.LabelExpression is { } labelExpression)
                    throw Error(node, $"{clauseName} needs the labels to give: a conjunction like :A:B or :A&B, not :{LabelExpressionForms.Print(labelExpression)}",
                        "InvalidLabelExpression");
                if (node.Variable is { } variable && scope.TypeOf(variable.Name) is { } existing)
                {
                    if (node.Labels.Count > 0 || node.Properties is not null || element.Nodes.Count == 1)
                        throw Error(variable, $"Can't create node `{variable.Name}` with labels or properties here. The variable is already declared in this context", "VariableAlreadyBound");
                    if (existing.Kind is not (TypeKind.Node or TypeKind.Any or TypeKind.Null))
                        throw TypeConflict(variable, "Node", existing);
                }
                CheckProperties(node.Properties, scope, allowParameter: !isMerge);
                if (node.Variable is { } newNode && !Resolve(newNode, scope))
                    scope = Declare(scope, newNode, CypherType.Node);
                if (i >= element.Relationships.Count)
                    continue;
                var relationship = element.Relationships[i];
                if (relationship.Variable is { } relationshipVariable && scope.Contains(relationshipVariable.Name))
                    throw Error(relationshipVariable, $"Can't create relationship `{relationshipVariable.Name}`: the variable is already declared in this context", "VariableAlreadyBound");
                if (relationship.Types.Count != 1)
                    throw Error(relationship, $"Exactly one relationship type must be specified for {clauseName}. Did you forget to prefix your relationship type with a ':'?", "NoSingleRelationshipType");
                if (relationship.Length is not null)
                    throw Error(relationship, $"Variable length relationships cannot be used in {clauseName}", "CreatingVarLength");
                if (!isMerge && relationship.Direction == RelationshipDirection.Both)
                    throw Error(relationship, "Only directed relationships are supported in CREATE", "RequiresDirectedRelationship");
                CheckProperties(relationship.Properties, scope, allowParameter: !isMerge);
                if (relationship.Variable is { } newRelationship)
                    scope = Declare(scope, newRelationship, CypherType.Relationship);
            }
            if (part.PathVariable is { } pathVariable)
                scope = Declare(scope, pathVariable, CypherType.Path);
        }
        return scope;
    }
}
