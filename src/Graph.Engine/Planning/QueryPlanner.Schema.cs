using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Planning;

/// <summary>Schema commands: CREATE/DROP INDEX and CONSTRAINT, SHOW INDEXES/CONSTRAINTS (Neo4j 5 columns).</summary>
public sealed partial class QueryPlanner
{
    private static readonly string[] IndexColumns =
        ["id", "name", "state", "populationPercent", "type", "entityType", "labelsOrTypes", "properties", "indexProvider", "owningConstraint", "lastRead", "readCount"];

    private static readonly string[] ConstraintColumns =
        ["id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex", "propertyType"];

    private CompiledStatement PlanSchema(SchemaCommand command, string queryText)
    {
        if (command is ShowSchemaCommand show) return PlanShow(show, queryText);
        PlanOperator op = command switch
        {
            CreateIndexCommand c => new CommandOp(ctx => CreateIndex(ctx, c), "CreateIndex"),
            CreateConstraintCommand c => new CommandOp(ctx => CreateConstraint(ctx, c), "CreateConstraint"),
            DropIndexCommand d => new CommandOp(ctx => DropIndex(ctx, d), "DropIndex"),
            DropConstraintCommand d => new CommandOp(ctx => DropConstraint(ctx, d), "DropConstraint"),
            _ => throw Semantic("UnsupportedCommand", $"The embedded engine does not support {command.GetType().Name}.", command),
        };
        return new CompiledStatement
        {
            Query = queryText, Root = op, Columns = [], ColumnSlots = [], SlotCount = _slotCount, IsWrite = true, IsSchema = true,
        };
    }

    private static ClientException Schema(string code, string message) => new(code, message) { Phase = ErrorPhase.Runtime };

    private static string DefaultName(string prefix, string label, IReadOnlyList<string> properties) =>
        $"{prefix}_{label}_{string.Join("_", properties)}".ToLowerInvariant();

    private static IEnumerable<object?[]> CreateIndex(QueryContext ctx, CreateIndexCommand c)
    {
        if (c.IsRelationship)
            throw Schema(StatusCodes.ExecutionFailed, "The embedded engine indexes node properties only; relationship property indexes are not supported.");
        var name = c.Name ?? DefaultName("index", c.LabelOrType, c.Properties);
        var label = ctx.Tokens.GetOrCreateLabel(c.LabelOrType);
        var keys = c.Properties.Select(ctx.Tokens.GetOrCreatePropertyKey).ToArray();
        var existing = ctx.Tx.Indexes.FirstOrDefault(i => i.Name == name || (i.Label == label && i.PropertyKeys.SequenceEqual(keys)));
        var sameName = ctx.Tx.Constraints.Any(x => x.Name == name);
        if (existing is not null || sameName)
        {
            if (c.IfNotExists) return [];
            var what = existing?.ConstraintName is not null ? $"constraint '{existing.ConstraintName}'" : $"index '{existing?.Name ?? name}'";
            throw Schema(existing is not null && existing.Name != name ? StatusCodes.IndexAlreadyExists : StatusCodes.ConstraintAlreadyExists,
                $"An equivalent index already exists: {what}. Use CREATE INDEX ... IF NOT EXISTS to ignore this.");
        }
        ctx.Tx.CreateIndex(new IndexDefinition(name, label, keys, Unique: false));
        ctx.Counters.IndexesAdded++;
        return [];
    }

    private static IEnumerable<object?[]> CreateConstraint(QueryContext ctx, CreateConstraintCommand c)
    {
        if (c.IsRelationship || c.Kind != ConstraintKind.Unique)
            throw Schema(StatusCodes.ExecutionFailed,
                "The embedded engine supports unique node property constraints (REQUIRE n.p IS UNIQUE) only.");
        var name = c.Name ?? DefaultName("constraint", c.LabelOrType, c.Properties);
        var label = ctx.Tokens.GetOrCreateLabel(c.LabelOrType);
        var keys = c.Properties.Select(ctx.Tokens.GetOrCreatePropertyKey).ToArray();
        var equivalent = ctx.Tx.Constraints.FirstOrDefault(x => x.Name == name || (x.Label == label && x.PropertyKeys.SequenceEqual(keys)));
        if (equivalent is not null)
        {
            if (c.IfNotExists) return [];
            throw Schema(StatusCodes.ConstraintAlreadyExists,
                $"An equivalent constraint already exists: '{equivalent.Name}'. Use CREATE CONSTRAINT ... IF NOT EXISTS to ignore this.");
        }
        var index = ctx.Tx.Indexes.FirstOrDefault(i => i.Name == name || (i.Label == label && i.PropertyKeys.SequenceEqual(keys)));
        if (index is not null)
        {
            if (c.IfNotExists && index.Name == name) return [];
            throw Schema(StatusCodes.IndexAlreadyExists,
                $"Cannot create constraint '{name}': index '{index.Name}' already covers (:{c.LabelOrType} {{{string.Join(", ", c.Properties)}}}) or uses the name. Drop the index first.");
        }
        try
        {
            ctx.Tx.CreateUniqueConstraint(new ConstraintDefinition(name, label, keys));
        }
        catch (ConstraintViolationException e)
        {
            throw Schema(StatusCodes.ConstraintCreationFailed, e.Message);
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
            throw Schema(StatusCodes.IndexNotFound, $"There is no index named '{d.Name}' (SHOW INDEXES lists them; an index owned by a constraint is dropped with DROP CONSTRAINT).");
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
            throw Schema(StatusCodes.ConstraintNotFound, $"There is no constraint named '{d.Name}' (SHOW CONSTRAINTS lists them).");
        }
        ctx.Tx.DropConstraint(d.Name);
        ctx.Counters.ConstraintsRemoved++;
        return [];
    }

    private CompiledStatement PlanShow(ShowSchemaCommand show, string queryText)
    {
        var indexes = show.Kind == SchemaObjectKind.Indexes;
        var columns = indexes ? IndexColumns : ConstraintColumns;
        var scope = new Scope();
        var slots = columns.Select(c =>
        {
            var s = NewSlot();
            scope.Set(c, s);
            return s;
        }).ToArray();
        PlanOperator op = new ShowSchemaOp(slots, indexes, () => _slotCount);
        return PlanListing(op, scope, columns, show.Yield, show.Where, show.Return, queryText);
    }

    /// <summary>
    /// YIELD / WHERE / RETURN over a SHOW listing whose columns are in <paramref name="scope"/>: without YIELD the default
    /// columns are returned (WHERE may read every column), with YIELD what it names (YIELD * keeps the listing's order).
    /// </summary>
    private CompiledStatement PlanListing(PlanOperator op, Scope scope, IReadOnlyList<string> defaultColumns,
        ProjectionBody? yield, Expression? where, ReturnClause? returnClause, string queryText)
    {
        List<string> resultColumns;
        int[] resultSlots;
        if (yield is not null)
        {
            (op, scope, resultColumns, resultSlots) = PlanProjection(op, yield, scope, isReturn: false, where);
        }
        else
        {
            if (where is not null) op = new FilterOp(op, CompilePredicate(where, scope), CypherPrinter.Print(where));
            resultColumns = [.. defaultColumns];
            resultSlots = defaultColumns.Select(c => scope.TryGet(c, out var slot) ? slot : throw new InvalidOperationException($"no column {c}")).ToArray();
        }
        if (returnClause is not null)
            (op, scope, resultColumns, resultSlots) = PlanProjection(op, returnClause.Body, scope, isReturn: true, null);
        return new CompiledStatement
        {
            Query = queryText, Root = op, Columns = resultColumns, ColumnSlots = resultSlots, SlotCount = _slotCount, IsWrite = false, IsSchema = false,
        };
    }

    /// <summary>SHOW DATABASES, PROCEDURES, FUNCTIONS, CURRENT USER.</summary>
    private CompiledStatement PlanShowCommand(ShowCommand show, string queryText)
    {
        if (Listings is null)
            throw Semantic("UnsupportedAdministrationCommand", "SHOW listings need the embedded driver's procedures and database information.", show);
        var listing = Listings.For(show);
        var scope = new Scope();
        var slots = listing.Columns.Select(c =>
        {
            var s = NewSlot();
            scope.Set(c, s);
            return s;
        }).ToArray();
        var op = new ListingOp(listing.Operator, slots, listing.Rows, () => _slotCount);
        return PlanListing(op, scope, listing.DefaultColumns, show.Yield, show.Where, show.Return, queryText);
    }

    /// <summary>Lists indexes or constraints as rows of the SHOW columns.</summary>
    private sealed class ShowSchemaOp(int[] slots, bool indexes, Func<int> width) : PlanOperator
    {
        protected override IEnumerable<object?[]> Produce(QueryContext ctx, object?[] argument)
        {
            StackGuard.Ensure();
            var tokens = ctx.Tokens;
            var id = 1L;
            if (indexes)
            {
                foreach (var i in ctx.Tx.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
                {
                    yield return Row(argument, [
                        id++, i.Name, "ONLINE", 100.0, "RANGE", "NODE",
                        new List<object?> { tokens.LabelName(i.Label) },
                        i.PropertyKeys.Select(k => (object?)tokens.PropertyKeyName(k)).ToList(),
                        "range-1.0", i.ConstraintName, null, 0L,
                    ]);
                }
            }
            else
            {
                foreach (var c in ctx.Tx.Constraints.OrderBy(c => c.Name, StringComparer.Ordinal))
                {
                    yield return Row(argument, [
                        id++, c.Name, "UNIQUENESS", "NODE",
                        new List<object?> { tokens.LabelName(c.Label) },
                        c.PropertyKeys.Select(k => (object?)tokens.PropertyKeyName(k)).ToList(),
                        c.Name, null,
                    ]);
                }
            }
        }

        private object?[] Row(object?[] argument, object?[] values)
        {
            var row = new object?[Math.Max(argument.Length, width())];
            for (var i = 0; i < slots.Length; i++) row[slots[i]] = values[i];
            return row;
        }

        public override string Describe() => indexes ? "ShowIndexes" : "ShowConstraints";
    }
}
