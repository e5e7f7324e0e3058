using Graph.Client;
using Graph.Engine.Functions;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Procedures;

/// <summary>SHOW DATABASES / PROCEDURES / FUNCTIONS / CURRENT USER: Neo4j 5's default and full columns, YIELD, WHERE, RETURN.</summary>
public class ShowCommandTests
{
    [Fact]
    public async Task Show_procedures_lists_every_registered_procedure_with_the_default_columns()
    {
        await using var driver = TestEngine.New();
        var result = await driver.Run("SHOW PROCEDURES");
        Assert.Equal(["name", "description", "mode", "worksOnSystem"], result.Keys);
        Assert.Equal(driver.Procedures.All.Select(p => p.Name), result.Column("name"));
        Assert.Contains(result.Records, r => (string)r["name"]! == "db.labels" && (string)r["mode"]! == "READ");
        Assert.Contains(result.Records, r => (string)r["name"]! == "dbms.components" && (string)r["mode"]! == "DBMS");
    }

    [Fact]
    public async Task Show_procedures_yield_star_has_every_column_and_describes_the_signature()
    {
        await using var driver = TestEngine.New();
        var result = await driver.Run("SHOW PROCEDURES YIELD * WHERE name = 'db.labels'");
        Assert.Equal(["name", "description", "mode", "worksOnSystem", "signature", "argumentDescription", "returnDescription", "admin",
            "rolesExecution", "rolesBoostedExecution", "isDeprecated", "deprecatedBy", "option"], result.Keys);
        var row = result.Single();
        Assert.Equal("db.labels() :: (label :: STRING)", row["signature"]);
        var output = (IReadOnlyDictionary<string, object?>)Assert.Single((IEnumerable<object?>)row["returnDescription"]!)!;
        Assert.Equal("label", output["name"]);
        Assert.Equal("STRING", output["type"]);
        Assert.Empty((IEnumerable<object?>)row["argumentDescription"]!);
    }

    [Fact]
    public async Task Show_procedures_executable_with_yield_where_and_return()
    {
        await using var driver = TestEngine.New();
        var result = await driver.Run("SHOW PROCEDURES EXECUTABLE BY CURRENT USER YIELD name, signature WHERE name STARTS WITH 'db.schema' RETURN name ORDER BY name DESC");
        Assert.Equal(["name"], result.Keys);
        Assert.Equal(["db.schema.visualization", "db.schema.relTypeProperties", "db.schema.nodeTypeProperties"], result.Column("name"));
    }

    [Fact]
    public async Task Show_functions_lists_the_built_in_functions()
    {
        await using var driver = TestEngine.New();
        var result = await driver.Run("SHOW FUNCTIONS");
        Assert.Equal(["name", "category", "description"], result.Keys);
        Assert.Equal(FunctionCatalog.All.Count, result.Records.Count);
        var toUpper = result.Records.Single(r => (string)r["name"]! == "toUpper");
        Assert.Equal("String", toUpper["category"]);

        var full = (await driver.Run("SHOW BUILT IN FUNCTIONS YIELD * WHERE name = 'count'")).Single();
        Assert.Equal(true, full["aggregating"]);
        Assert.Equal(true, full["isBuiltIn"]);
        Assert.Equal("INTEGER", full["returnDescription"]);
        Assert.Empty((await driver.Run("SHOW USER DEFINED FUNCTIONS")).Records);
        Assert.Equal(FunctionCatalog.All.Count, (await driver.Run("SHOW ALL FUNCTIONS")).Records.Count);
    }

    [Fact]
    public void Every_function_the_engine_implements_is_in_the_catalog()
    {
        var catalog = FunctionCatalog.All.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = ScalarFunctions.Names.Where(n => !catalog.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "not in FunctionCatalog: " + string.Join(", ", missing));
        foreach (var aggregate in new[] { "count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP", "percentileCont", "percentileDisc" })
            Assert.True(FunctionCatalog.All.Single(f => f.Name == aggregate).Aggregating, aggregate);
        Assert.All(FunctionCatalog.All, f => Assert.Equal(f.Aggregating, Aggregations.IsAggregate(f.Name)));
    }

    [Fact]
    public async Task Show_databases_lists_the_one_database_online_default_and_home()
    {
        await using var driver = TestEngine.New();
        var result = await driver.Run("SHOW DATABASES");
        Assert.Equal(["name", "type", "aliases", "access", "address", "role", "writer", "requestedStatus", "currentStatus", "statusMessage",
            "default", "home", "constituents"], result.Keys);
        var row = result.Single();
        Assert.Equal("neo4j", row["name"]);
        Assert.Equal("standard", row["type"]);
        Assert.Equal("online", row["currentStatus"]);
        Assert.Equal(true, row["default"]);
        Assert.Equal(true, row["home"]);

        Assert.Equal(26, (await driver.Run("SHOW DATABASES YIELD *")).Keys.Count);
        Assert.Single((await driver.Run("SHOW DATABASE neo4j")).Records);
        Assert.Empty((await driver.Run("SHOW DATABASE other")).Records);
        var home = await driver.Run("SHOW HOME DATABASE");
        Assert.DoesNotContain("home", home.Keys);
        Assert.Equal("neo4j", home.Single()["name"]);
        Assert.Equal("neo4j", (await driver.Run("SHOW DATABASES YIELD name, currentStatus WHERE currentStatus = 'online' RETURN name")).Single()[0]);
    }

    [Fact]
    public async Task Show_current_user_is_the_session_user_and_no_row_in_process()
    {
        await using var driver = TestEngine.New();
        var result = await driver.RunAs(new SessionConfig { User = new SessionUser("bram", ["editor", "reader"]) }, "SHOW CURRENT USER");
        Assert.Equal(["user", "roles", "passwordChangeRequired", "suspended", "home"], result.Keys);
        var row = result.Single();
        Assert.Equal("bram", row["user"]);
        Assert.Equal(["editor", "reader"], row["roles"] as IEnumerable<object?>);
        Assert.Equal(false, row["passwordChangeRequired"]);

        var inProcess = await driver.Run("SHOW CURRENT USER");
        Assert.Equal(5, inProcess.Keys.Count);
        Assert.Empty(inProcess.Records);
    }

    [Theory]
    [InlineData("SHOW USERS")]
    [InlineData("SHOW ROLES")]
    [InlineData("SHOW TRANSACTIONS")]
    public async Task Administration_listings_the_engine_lacks_say_so(string query)
    {
        await using var driver = TestEngine.New();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(query));
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Contains("not supported by the embedded engine", error.Message);
    }

    [Fact]
    public async Task Show_indexes_keeps_its_columns_and_yield_star_keeps_their_order()
    {
        await using var driver = TestEngine.New();
        await driver.Run("CREATE INDEX claim_id FOR (c:Claim) ON (c.id)");
        var all = await driver.Run("SHOW INDEXES YIELD *");
        Assert.Equal(["id", "name", "state", "populationPercent", "type", "entityType", "labelsOrTypes", "properties", "indexProvider",
            "owningConstraint", "lastRead", "readCount"], all.Keys);
        Assert.Equal("claim_id", all.Single()["name"]);
    }
}
