using Graph.Client;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Procedures;

/// <summary>Each built-in procedure's columns (as Neo4j 5 declares them) and values on a small fictional graph.</summary>
public class BuiltInProcedureTests
{
    [Fact]
    public async Task Db_ping_yields_success_true()
    {
        await using var driver = TestEngine.New();
        var result = await driver.Run("CALL db.ping()");
        Assert.Equal(["success"], result.Keys);
        Assert.Equal(true, result.Single()["success"]);
    }

    [Fact]
    public async Task Db_labels_lists_the_labels_nodes_have_and_forgets_a_label_no_node_has()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("CALL db.labels()");
        Assert.Equal(["label"], result.Keys);
        Assert.Equal(["Claim", "Expert", "Institution", "Person"], result.Column("label").Cast<string>().Order());

        await driver.Run("MATCH (i:Institution) DETACH DELETE i");
        Assert.DoesNotContain("Institution", (await driver.Run("CALL db.labels()")).Column("label"));
    }

    [Fact]
    public async Task Db_relationship_types_lists_the_types_relationships_have()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("CALL db.relationshipTypes()");
        Assert.Equal(["relationshipType"], result.Keys);
        Assert.Equal(["AFFILIATED_WITH", "CRITICIZES", "ENDORSES"], result.Column("relationshipType").Cast<string>().Order());

        await driver.Run("MATCH ()-[r:CRITICIZES]->() DELETE r");
        Assert.Equal(["AFFILIATED_WITH", "ENDORSES"], (await driver.Run("CALL db.relationshipTypes()")).Column("relationshipType").Cast<string>().Order());
    }

    [Fact]
    public async Task Db_property_keys_lists_every_key()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("CALL db.propertyKeys()");
        Assert.Equal(["propertyKey"], result.Keys);
        Assert.Equal(["born", "confidence", "id", "name", "tags", "text", "weight"], result.Column("propertyKey").Cast<string>().Order());
    }

    [Fact]
    public async Task Db_schema_visualization_returns_a_virtual_node_per_label_and_a_relationship_per_label_pair()
    {
        await using var driver = await DebateFixture.New();
        await driver.Run("CREATE CONSTRAINT claim_id FOR (c:Claim) REQUIRE c.id IS UNIQUE");
        await driver.Run("CREATE INDEX expert_name FOR (e:Expert) ON (e.name)");
        var result = await driver.Run("CALL db.schema.visualization()");
        Assert.Equal(["nodes", "relationships"], result.Keys);
        var row = result.Single();
        var nodes = Assert.IsAssignableFrom<IReadOnlyList<object?>>(row["nodes"]).Cast<Node>().ToList();
        var byId = nodes.ToDictionary(n => n.ElementId, n => (string)n["name"]!);
        Assert.Equal(["Claim", "Expert", "Institution", "Person"], byId.Values.Order());
        Assert.All(nodes, n => Assert.Equal([(string)n["name"]!], n.Labels));
        Assert.Equal(["name"], nodes.Single(n => (string)n["name"]! == "Expert")["indexes"] as IEnumerable<object?>);
        var claimConstraints = Assert.IsAssignableFrom<IReadOnlyList<object?>>(nodes.Single(n => (string)n["name"]! == "Claim")["constraints"]);
        Assert.Contains("claim_id", (string)Assert.Single(claimConstraints)!);

        var relationships = Assert.IsAssignableFrom<IReadOnlyList<object?>>(row["relationships"]).Cast<Relationship>()
            .Select(r => $"{byId[r.StartNodeElementId]}-{r.Type}->{byId[r.EndNodeElementId]}")
            .Order().ToList();
        Assert.Equal([
            "Expert-AFFILIATED_WITH->Institution", "Expert-CRITICIZES->Claim", "Expert-ENDORSES->Claim",
            "Person-AFFILIATED_WITH->Institution", "Person-ENDORSES->Claim",
        ], relationships);
    }

    [Fact]
    public async Task Virtual_schema_nodes_can_be_read_in_cypher()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("CALL db.schema.visualization() YIELD nodes UNWIND nodes AS n WITH n WHERE n:Claim RETURN n.name AS name, labels(n) AS labels, keys(n) AS keys");
        var row = result.Single();
        Assert.Equal("Claim", row["name"]);
        Assert.Equal(["Claim"], row["labels"] as IEnumerable<object?>);
        Assert.Equal(["constraints", "indexes", "name"], ((IEnumerable<object?>)row["keys"]!).Cast<string>().Order());
    }

    [Fact]
    public async Task Db_schema_node_type_properties_groups_nodes_by_label_set()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("CALL db.schema.nodeTypeProperties()");
        Assert.Equal(["nodeType", "nodeLabels", "propertyName", "propertyTypes", "mandatory"], result.Keys);
        var rows = result.Records.Select(r => $"{r["nodeType"]} {ValueFormatter.ToCypherLiteral(r["nodeLabels"])} {r["propertyName"] ?? "-"} {ValueFormatter.ToCypherLiteral(r["propertyTypes"])} {r["mandatory"]}").ToList();
        Assert.Equal([
            ":`Claim` ['Claim'] id ['String'] True",
            ":`Claim` ['Claim'] text ['String'] True",
            ":`Claim` ['Claim'] weight ['Double'] False",
            ":`Expert` ['Expert'] name ['String'] True",
            ":`Expert`:`Person` ['Expert', 'Person'] born ['Long'] True",
            ":`Expert`:`Person` ['Expert', 'Person'] name ['String'] True",
            ":`Institution` ['Institution'] name ['String'] True",
            ":`Institution` ['Institution'] tags ['StringArray'] True",
            ":`Person` ['Person'] name ['String'] True",
        ], rows);
    }

    [Fact]
    public async Task Db_schema_rel_type_properties_lists_keys_per_type_and_a_row_of_nulls_for_a_type_without_properties()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("CALL db.schema.relTypeProperties()");
        Assert.Equal(["relType", "propertyName", "propertyTypes", "mandatory"], result.Keys);
        var rows = result.Records.Select(r => $"{r["relType"]} {r["propertyName"] ?? "-"} {ValueFormatter.ToCypherLiteral(r["propertyTypes"])} {r["mandatory"]}").ToList();
        Assert.Equal([":`AFFILIATED_WITH` - null False", ":`CRITICIZES` - null False", ":`ENDORSES` confidence ['Double'] True"], rows);
    }

    [Fact]
    public async Task Db_info_names_the_database_with_a_stable_id_and_a_creation_date()
    {
        var directory = Directory.CreateTempSubdirectory("graph-dbinfo-");
        try
        {
            string id;
            await using (var driver = EmbeddedDriver.Open(directory.FullName, new EngineOptions { SyncOnCommit = false }))
            {
                var result = await driver.Run("CALL db.info()");
                Assert.Equal(["id", "name", "creationDate"], result.Keys);
                var row = result.Single();
                id = (string)row["id"]!;
                Assert.Matches("^[0-9A-F]{64}$", id);
                Assert.Equal("neo4j", row["name"]);
                Assert.True(DateTimeOffset.TryParse((string)row["creationDate"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
            }
            await using (var again = EmbeddedDriver.Open(directory.FullName, new EngineOptions { SyncOnCommit = false }))
                Assert.Equal(id, (await again.Run("CALL db.info() YIELD id RETURN id")).Single()["id"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Dbms_components_names_the_neo4j_kernel_version_tools_look_for()
    {
        await using var driver = TestEngine.New();
        var result = await driver.Run("CALL dbms.components() YIELD name, versions, edition WHERE name = 'Neo4j Kernel' RETURN name, versions, edition");
        var row = result.Single();
        Assert.Equal([EngineInfo.Neo4jCompatibleVersion], row["versions"] as IEnumerable<object?>);
        Assert.Equal("community", row["edition"]);
        Assert.Equal(2, (await driver.Run("CALL dbms.components()")).Records.Count);
    }

    [Fact]
    public async Task Dbms_show_current_user_is_the_session_user_and_empty_without_one()
    {
        await using var driver = TestEngine.New();
        var result = await driver.RunAs(new SessionConfig { User = new SessionUser("ada", ["reader"]) }, "CALL dbms.showCurrentUser()");
        Assert.Equal(["username", "roles", "flags"], result.Keys);
        var row = result.Single();
        Assert.Equal("ada", row["username"]);
        Assert.Equal(["reader"], row["roles"] as IEnumerable<object?>);
        Assert.Empty((IEnumerable<object?>)row["flags"]!);

        Assert.Empty((await driver.Run("CALL dbms.showCurrentUser()")).Records);
    }

    [Fact]
    public async Task Built_in_procedures_run_in_read_sessions()
    {
        await using var driver = await DebateFixture.New();
        foreach (var procedure in driver.Procedures.All)
            await driver.RunAs(SessionConfig.Read, $"CALL {procedure.Name}()");
    }
}
