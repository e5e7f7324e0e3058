using Graph.Client;
using Graph.Engine.Cypher.Ast;

namespace Graph.Engine.Cypher.Parsing;

// Neo4j 5 schema commands: CREATE/DROP CONSTRAINT, CREATE/DROP INDEX, SHOW CONSTRAINTS/INDEXES.
internal sealed partial class CypherParser
{
    private bool AtSchemaCommand() =>
        (Current.IsKeyword("CREATE") && (Peek(1).IsKeyword("CONSTRAINT") || Peek(1).IsKeyword("INDEX")))
        || (Current.IsKeyword("CREATE") && Peek(1).IsKeyword("RANGE") && Peek(2).IsKeyword("INDEX"))
        || Current.IsKeyword("DROP")
        || Current.IsKeyword("SHOW");

    private Statement ParseSchemaCommand()
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

    /// <summary>Administration listings Neo4j has and the embedded engine does not (it has no users, roles or cluster).</summary>
    private static readonly string[] UnsupportedShows =
        ["USERS", "USER", "ROLES", "ROLE", "POPULATED", "PRIVILEGES", "PRIVILEGE", "TRANSACTIONS", "TRANSACTION", "SETTINGS", "SETTING", "ALIASES", "ALIAS", "SERVERS", "SERVER"];

    private Statement ParseShow(InputPosition position)
    {
        if (!AtKeywords("USER", "DEFINED") && UnsupportedShows.FirstOrDefault(w => Current.IsKeyword(w)) is { } unsupported)
            throw ErrorAt(Current.Position,
                $"SHOW {unsupported.ToUpperInvariant()} is not supported by the embedded engine: it has one database and no user management " +
                "(SHOW DATABASES, PROCEDURES, FUNCTIONS, CURRENT USER, INDEXES and CONSTRAINTS are)", "UnsupportedAdministrationCommand");
        if (TryParseShowListing(position) is { } listing)
            return listing;
        AcceptKeyword("ALL");
        SchemaObjectKind kind;
        if (AcceptKeyword("CONSTRAINTS") || AcceptKeyword("CONSTRAINT"))
            kind = SchemaObjectKind.Constraints;
        else if (AcceptKeyword("INDEXES") || AcceptKeyword("INDEX"))
            kind = SchemaObjectKind.Indexes;
        else if (AtKeyword("FUNCTIONS") || AtKeyword("FUNCTION"))
            return ParseShowTail(position, ShowKind.Functions, skipExecutable: true); // SHOW ALL FUNCTIONS
        else
            throw Unexpected();
        var (yield, where, returnClause) = ParseShowClauses();
        return new ShowSchemaCommand(position, kind, yield, where, returnClause);
    }

    /// <summary>SHOW DATABASES / PROCEDURES / FUNCTIONS / CURRENT USER, or null for the schema listings.</summary>
    private ShowCommand? TryParseShowListing(InputPosition position)
    {
        if (AtKeywords("CURRENT", "USER"))
        {
            Advance();
            Advance();
            return ParseShowTail(position, ShowKind.CurrentUser, skipExecutable: false);
        }
        if (AtKeywords("DEFAULT", "DATABASE") || AtKeywords("HOME", "DATABASE"))
        {
            var kind = Advance().IsKeyword("DEFAULT") ? ShowKind.DefaultDatabase : ShowKind.HomeDatabase;
            Advance();
            return ParseShowTail(position, kind, skipExecutable: false);
        }
        if (AtKeyword("DATABASES") || AtKeyword("DATABASE"))
        {
            Advance();
            string? name = null;
            if (Current.IsName && !Current.IsKeyword("YIELD") && !Current.IsKeyword("WHERE") && !Current.IsKeyword("RETURN"))
                name = Advance().Value;
            return ParseShowTail(position, ShowKind.Databases, skipExecutable: false) with { Name = name };
        }
        if (AtKeyword("PROCEDURES") || AtKeyword("PROCEDURE"))
            return ParseShowTail(position, ShowKind.Procedures, skipExecutable: true);
        if (AtKeywords("BUILT", "IN"))
        {
            Advance();
            Advance();
            return ParseShowTail(position, ShowKind.Functions, skipExecutable: true);
        }
        if (AtKeywords("USER", "DEFINED"))
        {
            Advance();
            Advance();
            return ParseShowTail(position, ShowKind.UserDefinedFunctions, skipExecutable: true);
        }
        if (AtKeyword("FUNCTIONS") || AtKeyword("FUNCTION"))
            return ParseShowTail(position, ShowKind.Functions, skipExecutable: true);
        return null;
    }

    /// <summary>
    /// The rest of a listing: for procedures and functions the keyword and <c>EXECUTABLE [BY CURRENT USER | BY name]</c>
    /// (every procedure and function is executable by everyone here), then YIELD, WHERE and RETURN.
    /// </summary>
    private ShowCommand ParseShowTail(InputPosition position, ShowKind kind, bool skipExecutable)
    {
        if (skipExecutable)
        {
            Advance(); // PROCEDURE(S) / FUNCTION(S)
            if (AcceptKeyword("EXECUTABLE") && AcceptKeyword("BY"))
            {
                if (AtKeywords("CURRENT", "USER"))
                {
                    Advance();
                    Advance();
                }
                else
                {
                    ExpectName("a user name");
                }
            }
        }
        var (yield, where, returnClause) = ParseShowClauses();
        return new ShowCommand(position, kind, yield, where, returnClause);
    }

    private (ProjectionBody? Yield, Expression? Where, ReturnClause? Return) ParseShowClauses()
    {
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
        return (yield, where, returnClause);
    }
}
