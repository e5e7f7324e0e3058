using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Planning;

/// <summary>
/// Plans schema commands: CREATE/DROP INDEX and CONSTRAINT become a <see cref="SchemaCommandOp"/> (which runs them, see
/// Execution/SchemaCommands.cs), SHOW INDEXES/CONSTRAINTS a <see cref="ShowSchemaOp"/> with Neo4j 5's columns.
/// </summary>
internal sealed partial class QueryPlanner
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
            CreateIndexCommand or CreateConstraintCommand or DropIndexCommand or DropConstraintCommand => new SchemaCommandOp(command),
            _ => throw Semantic("UnsupportedCommand", $"The embedded engine does not support {command.GetType().Name}.", command),
        };
        return new CompiledStatement
        {
            Query = queryText, Root = op, Columns = [], ColumnSlots = [], SlotCount = _slotCount, IsWrite = true, IsSchema = true,
        };
    }

    private CompiledStatement PlanShow(ShowSchemaCommand show, string queryText)
    {
        var indexes = show.Kind == SchemaObjectKind.Indexes;
        var columns = indexes ? IndexColumns : ConstraintColumns;
        var slots = columns.Select(_ => NewSlot()).ToArray();
        PlanOperator op = new ShowSchemaOp(slots, indexes, () => _slotCount);
        return PlanListing(show, op, columns, slots, columns, show.Yield, show.Where, show.Return, queryText);
    }

    /// <summary>
    /// YIELD / WHERE / RETURN over a SHOW listing whose <paramref name="columns"/> are in <paramref name="slots"/>: without
    /// YIELD the default columns are returned (WHERE may read every column), with YIELD what it names (YIELD * keeps the
    /// listing's order). The columns are known only now, so the binder binds these clauses here.
    /// </summary>
    private CompiledStatement PlanListing(Statement show, PlanOperator op, IReadOnlyList<string> columns, int[] slots, IReadOnlyList<string> defaultColumns,
        ProjectionBody? yield, Expression? where, ReturnClause? returnClause, string queryText)
    {
        var (bound, symbols) = SemanticAnalyzer.AnalyzeListing(show, columns, yield, where, returnClause, queryText);
        _bound = bound;
        var layout = new SlotLayout();
        for (var i = 0; i < symbols.Count; i++) layout.Place(symbols[i], slots[i]);
        List<string> resultColumns;
        int[] resultSlots;
        if (yield is not null)
        {
            (op, resultColumns, resultSlots) = PlanProjection(op, yield, layout, where);
        }
        else
        {
            if (where is not null) op = new FilterOp(op, CompilePredicate(where, layout), CypherPrinter.Print(where));
            resultColumns = [.. defaultColumns];
            resultSlots = defaultColumns.Select(c => slots[columns.ToList().IndexOf(c)]).ToArray();
        }
        if (returnClause is not null)
            (op, resultColumns, resultSlots) = PlanProjection(op, returnClause.Body, layout, null);
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
        var slots = listing.Columns.Select(_ => NewSlot()).ToArray();
        var op = new ListingOp(listing.Operator, slots, listing.Rows, () => _slotCount);
        return PlanListing(show, op, listing.Columns, slots, listing.DefaultColumns, show.Yield, show.Where, show.Return, queryText);
    }
}
