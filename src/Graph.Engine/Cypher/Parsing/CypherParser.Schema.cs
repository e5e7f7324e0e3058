using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Parsing;

// Neo4j 5 schema commands: CREATE/DROP CONSTRAINT, CREATE/DROP INDEX, SHOW CONSTRAINTS/INDEXES.
public sealed partial class CypherParser
{
    private bool AtSchemaCommand() =>
        (Current.IsKeyword("CREATE") && (Peek(1).IsKeyword("CONSTRAINT") || Peek(1).IsKeyword("INDEX")))
        || (Current.IsKeyword("CREATE") && Peek(1).IsKeyword("RANGE") && Peek(2).IsKeyword("INDEX"))
        || Current.IsKeyword("DROP")
        || Current.IsKeyword("SHOW");

    private SchemaCommand ParseSchemaCommand()
    {
        var position = Current.Position;
        if (AcceptKeyword("DROP"))
        {
            if (AcceptKeyword("CONSTRAINT"))
            {
                var name = ExpectName("a constraint name");
                return new DropConstraintCommand(position, name, ParseIfExists());
            }
            ExpectKeyword("INDEX");
            var indexName = ExpectName("an index name");
            return new DropIndexCommand(position, indexName, ParseIfExists());
        }
        if (AcceptKeyword("SHOW"))
            return ParseShow(position);
        ExpectKeyword("CREATE");
        if (AcceptKeyword("CONSTRAINT"))
            return ParseCreateConstraint(position);
        AcceptKeyword("RANGE");
        ExpectKeyword("INDEX");
        return ParseCreateIndex(position);
    }

    private bool ParseIfExists()
    {
        if (!AtKeyword("IF"))
            return false;
        Advance();
        ExpectKeyword("EXISTS");
        return true;
    }

    /// <summary>The optional name and IF NOT EXISTS after CREATE CONSTRAINT / CREATE INDEX.</summary>
    private (string? Name, bool IfNotExists) ParseSchemaNameAndIfNotExists()
    {
        string? name = null;
        if (Current.IsName && !(Current.IsKeyword("IF") && Peek(1).IsKeyword("NOT")) && !Current.IsKeyword("FOR") && !Current.IsKeyword("ON"))
            name = Advance().Value;
        var ifNotExists = false;
        if (AtKeywords("IF", "NOT"))
        {
            Advance();
            Advance();
            ExpectKeyword("EXISTS");
            ifNotExists = true;
        }
        return (name, ifNotExists);
    }

    /// <summary><c>(n:Label)</c> or <c>()-[r:TYPE]-()</c> after FOR / ON.</summary>
    private (string Variable, string LabelOrType, bool IsRelationship) ParseSchemaTarget()
    {
        ExpectSymbol("(");
        if (AcceptSymbol(")"))
        {
            if (Current.IsSymbol("<"))
                Advance();
            ExpectSymbol("-");
            ExpectSymbol("[");
            var relationship = ExpectVariable().Name;
            ExpectSymbol(":");
            var type = ExpectName("a relationship type name");
            ExpectSymbol("]");
            ExpectSymbol("-");
            AcceptSymbol(">");
            ExpectSymbol("(");
            ExpectSymbol(")");
            return (relationship, type, true);
        }
        var variable = ExpectVariable().Name;
        ExpectSymbol(":");
        var label = ExpectName("a label name");
        ExpectSymbol(")");
        return (variable, label, false);
    }

    /// <summary><c>n.a</c> or <c>(n.a, n.b)</c>; every property must be on <paramref name="variable"/>.</summary>
    private List<string> ParseSchemaProperties(string variable, bool requireParentheses)
    {
        var parenthesized = requireParentheses ? ExpectSymbol("(") is not null : AcceptSymbol("(");
        var properties = new List<string>();
        do
        {
            var owner = ExpectVariable();
            if (owner.Name != variable)
                throw ErrorAt(owner.Position, $"Variable `{owner.Name}` not defined: the properties must belong to `{variable}`", "UndefinedVariable");
            ExpectSymbol(".");
            properties.Add(ExpectName("a property key name"));
        } while (parenthesized && AcceptSymbol(","));
        if (parenthesized)
            ExpectSymbol(")");
        return properties;
    }

    private CreateConstraintCommand ParseCreateConstraint(InputPosition position)
    {
        var (name, ifNotExists) = ParseSchemaNameAndIfNotExists();
        if (!AcceptKeyword("FOR"))
            ExpectKeyword("ON");
        var (variable, labelOrType, isRelationship) = ParseSchemaTarget();
        if (!AcceptKeyword("REQUIRE"))
            ExpectKeyword("ASSERT");
        var properties = ParseSchemaProperties(variable, requireParentheses: false);
        ExpectKeyword("IS");
        ConstraintKind kind;
        if (AcceptKeyword("UNIQUE"))
        {
            kind = ConstraintKind.Unique;
        }
        else if (AcceptKeyword("NOT"))
        {
            ExpectKeyword("NULL");
            kind = ConstraintKind.NotNull;
        }
        else if (AtKeyword("NODE") || AtKeyword("KEY"))
        {
            AcceptKeyword("NODE");
            ExpectKeyword("KEY");
            kind = ConstraintKind.NodeKey;
        }
        else
        {
            throw Unexpected();
        }
        return new CreateConstraintCommand(position, name, ifNotExists, variable, labelOrType, isRelationship, properties, kind);
    }

    private CreateIndexCommand ParseCreateIndex(InputPosition position)
    {
        var (name, ifNotExists) = ParseSchemaNameAndIfNotExists();
        ExpectKeyword("FOR");
        var (variable, labelOrType, isRelationship) = ParseSchemaTarget();
        ExpectKeyword("ON");
        var properties = ParseSchemaProperties(variable, requireParentheses: true);
        return new CreateIndexCommand(position, name, ifNotExists, variable, labelOrType, isRelationship, properties);
    }

    private ShowSchemaCommand ParseShow(InputPosition position)
    {
        AcceptKeyword("ALL");
        SchemaObjectKind kind;
        if (AcceptKeyword("CONSTRAINTS") || AcceptKeyword("CONSTRAINT"))
            kind = SchemaObjectKind.Constraints;
        else if (AcceptKeyword("INDEXES") || AcceptKeyword("INDEX"))
            kind = SchemaObjectKind.Indexes;
        else
            throw Unexpected();
        ProjectionBody? yield = null;
        if (AtKeyword("YIELD"))
            yield = ParseProjectionBody(Advance().Position);
        var where = AcceptKeyword("WHERE") ? ParseExpression() : null;
        ReturnClause? returnClause = null;
        if (AtKeyword("RETURN"))
        {
            var returnPosition = Advance().Position;
            returnClause = new ReturnClause(returnPosition, ParseProjectionBody(returnPosition));
        }
        return new ShowSchemaCommand(position, kind, yield, where, returnClause);
    }
}
