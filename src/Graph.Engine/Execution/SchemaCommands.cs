using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// Runs the index and constraint commands (CREATE/DROP INDEX, CREATE/DROP CONSTRAINT) in the statement's transaction,
/// with Neo4j's status codes for an equivalent object that exists or a name that does not. The planner only decides
/// that a statement is one of them (<see cref="SchemaCommandOp"/>).
/// </summary>
internal static class SchemaCommands
{
    public static IEnumerable<object?[]> Run(QueryContext ctx, SchemaCommand command) => command switch
    {
        CreateIndexCommand c => CreateIndex(ctx, c),
        CreateConstraintCommand c => CreateConstraint(ctx, c),
        DropIndexCommand d => DropIndex(ctx, d),
        DropConstraintCommand d => DropConstraint(ctx, d),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "not an index or constraint command"),
    };

    public static string Describe(SchemaCommand command) => command switch
    {
        CreateIndexCommand => "CreateIndex",
        CreateConstraintCommand => "CreateConstraint",
        DropIndexCommand => "DropIndex",
        DropConstraintCommand => "DropConstraint",
        _ => command.GetType().Name,
    };

    private static ClientException Schema(string code, string message) => new(code, message) { Phase = ErrorPhase.Runtime };

    private static string DefaultName(string prefix, string label, IReadOnlyList<string> properties) =>
        $"{prefix}_{label}_{string.Join("_", properties)}".ToLowerInvariant();

    private static IEnumerable<object?[]> CreateIndex(QueryContext ctx, CreateIndexCommand c)
    {
        if (c.IsRelationship)
            throw Schema(Neo4jStatus.ExecutionFailed, "The embedded engine indexes node properties only; relationship property indexes are not supported.");
        var name = c.Name ?? DefaultName("index", c.LabelOrType, c.Properties);
        var label = ctx.Tokens.GetOrCreateLabel(c.LabelOrType);
        var keys = c.Properties.Select(ctx.Tokens.GetOrCreatePropertyKey).ToArray();
        var existing = ctx.Tx.Indexes.FirstOrDefault(i => i.Name == name || (i.Label == label && i.PropertyKeys.SequenceEqual(keys)));
        var sameName = ctx.Tx.Constraints.Any(x => x.Name == name);
        if (existing is not null || sameName)
        {
            if (c.IfNotExists) return [];
            var what = existing?.ConstraintName is not null ? $"constraint '{existing.ConstraintName}'" : $"index '{existing?.Name ?? name}'";
            throw Schema(existing is not null && existing.Name != name ? Neo4jStatus.IndexAlreadyExists : Neo4jStatus.ConstraintAlreadyExists,
                $"An equivalent index already exists: {what}. Use CREATE INDEX ... IF NOT EXISTS to ignore this.");
        }
        ctx.Tx.CreateIndex(new IndexDefinition(name, label, keys, Unique: false));
        ctx.Counters.IndexesAdded++;
        return [];
    }

    private static IEnumerable<object?[]> CreateConstraint(QueryContext ctx, CreateConstraintCommand c)
    {
        if (c.IsRelationship || c.Kind != ConstraintKind.Unique)
            throw Schema(Neo4jStatus.ExecutionFailed,
                "The embedded engine supports unique node property constraints (REQUIRE n.p IS UNIQUE) only.");
        var name = c.Name ?? DefaultName("constraint", c.LabelOrType, c.Properties);
        var label = ctx.Tokens.GetOrCreateLabel(c.LabelOrType);
        var keys = c.Properties.Select(ctx.Tokens.GetOrCreatePropertyKey).ToArray();
        var equivalent = ctx.Tx.Constraints.FirstOrDefault(x => x.Name == name || (x.Label == label && x.PropertyKeys.SequenceEqual(keys)));
        if (equivalent is not null)
        {
            if (c.IfNotExists) return [];
            throw Schema(Neo4jStatus.ConstraintAlreadyExists,
                $"An equivalent constraint already exists: '{equivalent.Name}'. Use CREATE CONSTRAINT ... IF NOT EXISTS to ignore this.");
        }
        var index = ctx.Tx.Indexes.FirstOrDefault(i => i.Name == name || (i.Label == label && i.PropertyKeys.SequenceEqual(keys)));
        if (index is not null)
        {
            if (c.IfNotExists && index.Name == name) return [];
            throw Schema(Neo4jStatus.IndexAlreadyExists,
                $"Cannot create constraint '{name}': index '{index.Name}' already covers (:{c.LabelOrType} {{{string.Join(", ", c.Properties)}}}) or uses the name. Drop the index first.");
        }
        try
        {
            ctx.Tx.CreateUniqueConstraint(new ConstraintDefinition(name, label, keys));
        }
        catch (ConstraintViolationException e)
        {
            throw Schema(Neo4jStatus.ConstraintCreationFailed, e.Message);
        }
        ctx.Counters.ConstraintsAdded++;
        return [];
    }

    private static IEnumerable<object?[]> DropIndex(QueryContext ctx, DropIndexCommand d)
    {
        var index = ctx.Tx.Indexes.FirstOrDefault(i => i.Name == d.Name && i.ConstraintName is null);
        if (index is null)
        {
            if (d.IfExists) return [];
            throw Schema(Neo4jStatus.IndexNotFound, $"There is no index named '{d.Name}' (SHOW INDEXES lists them; an index owned by a constraint is dropped with DROP CONSTRAINT).");
        }
        ctx.Tx.DropIndex(d.Name);
        ctx.Counters.IndexesRemoved++;
        return [];
    }

    private static IEnumerable<object?[]> DropConstraint(QueryContext ctx, DropConstraintCommand d)
    {
        if (ctx.Tx.Constraints.All(c => c.Name != d.Name))
        {
            if (d.IfExists) return [];
            throw Schema(Neo4jStatus.ConstraintNotFound, $"There is no constraint named '{d.Name}' (SHOW CONSTRAINTS lists them).");
        }
        ctx.Tx.DropConstraint(d.Name);
        ctx.Counters.ConstraintsRemoved++;
        return [];
    }
}
