namespace Graph.Engine.Procedures;

/// <summary>
/// The procedures Neo4j's tools call (Browser, Bloom, cypher-shell, the drivers, the Query API client), with Neo4j 5's
/// signatures, so their result columns and types match. To add a procedure, declare it here (or register it on
/// <see cref="EmbeddedDriver.Procedures"/> from outside the engine).
/// </summary>
internal static class BuiltInProcedures
{
    public static void Register(ProcedureRegistry registry, DatabaseInfo database)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(database);

        registry.Register(ProcedureDefinition.Declare("db.ping() :: (success :: BOOLEAN)", ProcedureMode.Read,
            "Checks that the client is connected to the database; always returns true.",
            (_, _) => [[true]], worksOnSystem: true));

        registry.Register(ProcedureDefinition.Declare("db.labels() :: (label :: STRING)", ProcedureMode.Read,
            "Lists the labels that at least one node has.",
            (context, _) => SchemaIntrospection.LabelsInUse(context).Select(label => new object?[] { label })));

        registry.Register(ProcedureDefinition.Declare("db.relationshipTypes() :: (relationshipType :: STRING)", ProcedureMode.Read,
            "Lists the relationship types that at least one relationship has.",
            (context, _) => SchemaIntrospection.RelationshipTypesInUse(context).Select(type => new object?[] { type })));

        registry.Register(ProcedureDefinition.Declare("db.propertyKeys() :: (propertyKey :: STRING)", ProcedureMode.Read,
            "Lists every property key the database has seen (including keys no entity holds any more).",
            (context, _) => context.Tokens.AllPropertyKeys.Select(key => new object?[] { key })));

        registry.Register(ProcedureDefinition.Declare(
            "db.schema.visualization() :: (nodes :: LIST<NODE>, relationships :: LIST<RELATIONSHIP>)", ProcedureMode.Read,
            "Shows the schema as a graph: a virtual node per label (properties name, indexes, constraints) and a virtual " +
            "relationship per relationship type and pair of start and end labels found in the data.",
            (context, _) => [SchemaIntrospection.Visualization(context)]));

        registry.Register(ProcedureDefinition.Declare(
            "db.schema.nodeTypeProperties() :: (nodeType :: STRING, nodeLabels :: LIST<STRING>, propertyName :: STRING, propertyTypes :: LIST<STRING>, mandatory :: BOOLEAN)",
            ProcedureMode.Read,
            "Shows, for every combination of labels nodes have, each property key, the types of its values and whether every such node has it.",
            (context, _) => SchemaIntrospection.NodeTypeProperties(context)));

        registry.Register(ProcedureDefinition.Declare(
            "db.schema.relTypeProperties() :: (relType :: STRING, propertyName :: STRING, propertyTypes :: LIST<STRING>, mandatory :: BOOLEAN)",
            ProcedureMode.Read,
            "Shows, for every relationship type, each property key, the types of its values and whether every such relationship has it.",
            (context, _) => SchemaIntrospection.RelTypeProperties(context)));

        registry.Register(ProcedureDefinition.Declare("db.info() :: (id :: STRING, name :: STRING, creationDate :: STRING)", ProcedureMode.Read,
            "Shows the database's id, name and creation date.",
            (context, _) => [[database.Id, context.Database, database.CreationDateText]]));

        registry.Register(ProcedureDefinition.Declare("dbms.components() :: (name :: STRING, versions :: LIST<STRING>, edition :: STRING)",
            ProcedureMode.Dbms,
            "Lists the components of the server and their versions: the Neo4j version whose Cypher and protocols the embedded engine follows, and the engine itself.",
            (_, _) =>
            [
                ["Neo4j Kernel", new List<object?> { EngineInfo.Neo4jCompatibleVersion }, "community"],
                ["Graph Engine", new List<object?> { EngineInfo.Version }, "embedded"],
            ], worksOnSystem: true));

        registry.Register(ProcedureDefinition.Declare("dbms.showCurrentUser() :: (username :: STRING, roles :: LIST<STRING>, flags :: LIST<STRING>)",
            ProcedureMode.Dbms,
            "Shows the user the session runs for; no row when nobody authenticated (in process, or a server without users).",
            (context, _) => context.User is { } user
                ? [[user.Name, user.Roles.Cast<object?>().ToList(), new List<object?>()]]
                : [], worksOnSystem: true));
    }
}
