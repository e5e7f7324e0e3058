using Graph.Client;
using Graph.Engine.Procedures;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Procedures;

/// <summary>CALL standalone and inside queries: YIELD, WHERE, implicit arguments, VOID procedures, checks and error codes.</summary>
public class CallClauseTests
{
    private static ProcedureDefinition Half() => ProcedureDefinition.Declare("test.half(x :: FLOAT) :: (y :: FLOAT)", ProcedureMode.Read,
        "Halves a number.", (_, args) => [[args[0] is double d ? d / 2 : null]]);

    [Fact]
    public async Task In_query_call_yields_renamed_outputs_filtered_by_where()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("MATCH (e:Expert) CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'E' OR l = 'Claim' RETURN e.name AS name, l ORDER BY name, l");
        Assert.Equal(["name", "l"], result.Keys);
        Assert.Equal(["Ada Quill|Claim", "Ada Quill|Expert", "Bram Oduya|Claim", "Bram Oduya|Expert"],
            result.Records.Select(r => $"{r["name"]}|{r["l"]}"));
    }

    [Fact]
    public async Task Standalone_call_with_yield_and_where_returns_the_yielded_columns()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("CALL db.labels() YIELD label WHERE label CONTAINS 'er'");
        Assert.Equal(["label"], result.Keys);
        Assert.Equal(["Expert", "Person"], result.Column("label").Cast<string>().Order());
    }

    [Fact]
    public async Task A_void_procedure_runs_once_per_row_and_passes_the_row_on()
    {
        await using var driver = await DebateFixture.New();
        var calls = 0;
        driver.Procedures.Register(ProcedureDefinition.Declare("test.touch() :: VOID", ProcedureMode.Read, "Counts calls.",
            (_, _) => { Interlocked.Increment(ref calls); return []; }));
        var result = await driver.Run("MATCH (e:Expert) CALL test.touch() RETURN e.name AS name ORDER BY name");
        Assert.Equal(["Ada Quill", "Bram Oduya"], result.Column("name"));
        Assert.Equal(2, calls);
        var standalone = await driver.Run("CALL test.touch()");
        Assert.Empty(standalone.Keys);
        Assert.Empty(standalone.Records);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task An_integer_argument_is_coerced_to_a_declared_float()
    {
        await using var driver = TestEngine.New();
        driver.Procedures.Register(Half());
        Assert.Equal(1.5, (await driver.Run("CALL test.half(3)")).Single()["y"]);
        Assert.Null((await driver.Run("CALL test.half(null)")).Single()["y"]);
    }

    [Fact]
    public async Task Without_parentheses_arguments_come_from_parameters_of_the_same_name()
    {
        await using var driver = TestEngine.New();
        driver.Procedures.Register(Half());
        Assert.Equal(2.0, (await driver.Run("CALL test.half", new { x = 4 })).Single()["y"]);
        var missing = await Assert.ThrowsAsync<ClientException>(() => driver.Run("CALL test.half"));
        Assert.Equal(Neo4jStatus.ParameterMissing, missing.Code);
    }

    [Fact]
    public async Task Inputs_with_defaults_may_be_left_out()
    {
        await using var driver = TestEngine.New();
        driver.Procedures.Register(ProcedureDefinition.Declare("test.greet(name :: STRING, greeting = Hello :: STRING) :: (text :: STRING)",
            ProcedureMode.Read, "Greets.", (_, args) => [[$"{args[1]}, {args[0]}"]]));
        Assert.Equal("Hello, Ada", (await driver.Run("CALL test.greet('Ada')")).Single()["text"]);
        Assert.Equal("Hi, Ada", (await driver.Run("CALL test.greet('Ada', 'Hi')")).Single()["text"]);
        Assert.Equal("Hello, Bram", (await driver.Run("CALL test.greet", new { name = "Bram" })).Single()["text"]);
        Assert.Contains("greeting = Hello :: STRING", (await driver.Run("SHOW PROCEDURES YIELD name, signature WHERE name = 'test.greet' RETURN signature")).Single()[0] as string);
    }

    [Fact]
    public async Task An_unknown_procedure_is_procedure_not_found_at_compile_time_and_names_are_case_sensitive()
    {
        await using var driver = TestEngine.New();
        foreach (var query in new[] { "CALL db.nothing()", "CALL DB.LABELS()", "MATCH (n) CALL db.nothing() YIELD x RETURN x" })
        {
            var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(query));
            Assert.Equal(Neo4jStatus.ProcedureNotFound, error.Code);
            Assert.Equal(ErrorPhase.CompileTime, error.Phase);
            Assert.Contains("SHOW PROCEDURES", error.Message);
        }
    }

    [Theory]
    [InlineData("CALL db.labels(1)", "InvalidNumberOfArguments")]
    [InlineData("CALL test.half()", "InvalidNumberOfArguments")]
    [InlineData("CALL test.half('two')", "InvalidArgumentType")]
    [InlineData("MATCH (n) CALL test.half YIELD y RETURN y", "InvalidArgumentPassingMode")]
    [InlineData("CALL db.labels() YIELD nothing RETURN nothing", "UndefinedVariable")]
    [InlineData("MATCH (n) CALL db.labels() YIELD * RETURN label", "UnexpectedSyntax")]
    [InlineData("WITH 1 AS label CALL db.labels() YIELD label RETURN label", "VariableAlreadyBound")]
    public async Task Calls_that_do_not_fit_the_signature_are_syntax_errors(string query, string detail)
    {
        await using var driver = TestEngine.New();
        driver.Procedures.Register(Half());
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run(query));
        Assert.Equal(Neo4jStatus.SyntaxError, error.Code);
        Assert.Equal(detail, error.Detail);
        Assert.Equal(ErrorPhase.CompileTime, error.Phase);
    }

    [Fact]
    public async Task A_parameter_of_the_wrong_type_is_a_procedure_type_error_at_runtime()
    {
        await using var driver = TestEngine.New();
        driver.Procedures.Register(Half());
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("CALL test.half($x)", new { x = "two" }));
        Assert.Equal(Neo4jStatus.ProcedureTypeError, error.Code);
        Assert.Equal(ErrorPhase.Runtime, error.Phase);
    }

    [Fact]
    public async Task A_failing_procedure_is_procedure_call_failed_and_the_session_goes_on()
    {
        await using var driver = TestEngine.New();
        driver.Procedures.Register(ProcedureDefinition.Declare("test.broken() :: (x :: INTEGER)", ProcedureMode.Read, "Fails.",
            (_, _) => throw new InvalidOperationException("the backing service is down")));
        await using var session = driver.AsyncSession();
        var error = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("CALL test.broken()"));
        Assert.Equal(Neo4jStatus.ProcedureCallFailed, error.Code);
        Assert.Contains("the backing service is down", error.Message);
        Assert.Equal(true, (await session.RunAsync("CALL db.ping()")).Single()[0]);
    }

    [Fact]
    public async Task A_write_procedure_needs_a_write_session_and_its_writes_count()
    {
        await using var driver = TestEngine.New();
        driver.Procedures.Register(ProcedureDefinition.Declare("test.addNode() :: VOID", ProcedureMode.Write, "Adds a node.",
            (context, _) =>
            {
                context.Transaction.CreateNode([context.Tokens.GetOrCreateLabel("Added")], []);
                return [];
            }));
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.RunAs(SessionConfig.Read, "CALL test.addNode()"));
        Assert.Equal(Neo4jStatus.AccessMode, error.Code);
        await driver.Run("CALL test.addNode()");
        Assert.Equal(1L, await driver.Scalar("MATCH (n:Added) RETURN count(n)"));
    }

    [Fact]
    public async Task Registering_a_procedure_replans_statements_that_failed_or_named_the_old_one()
    {
        await using var driver = TestEngine.New();
        await Assert.ThrowsAsync<ClientException>(() => driver.Run("CALL test.answer()"));
        driver.Procedures.Register(ProcedureDefinition.Declare("test.answer() :: (n :: INTEGER)", ProcedureMode.Read, "42.", (_, _) => [[42L]]));
        Assert.Equal(42L, (await driver.Run("CALL test.answer()")).Single()[0]);
        driver.Procedures.Register(ProcedureDefinition.Declare("test.answer() :: (n :: INTEGER)", ProcedureMode.Read, "43.", (_, _) => [[43L]]));
        Assert.Equal(43L, (await driver.Run("CALL test.answer()")).Single()[0]);
    }

    [Fact]
    public async Task Union_of_procedure_calls_as_neo4j_browser_sends_it()
    {
        await using var driver = await DebateFixture.New();
        var result = await driver.Run("""
            CALL db.labels() YIELD label RETURN {name: 'labels', data: collect(label)[..1000]} AS result
            UNION ALL
            CALL db.relationshipTypes() YIELD relationshipType RETURN {name: 'relationshipTypes', data: collect(relationshipType)[..1000]} AS result
            UNION ALL
            CALL db.propertyKeys() YIELD propertyKey RETURN {name: 'propertyKeys', data: collect(propertyKey)[..1000]} AS result
            """);
        Assert.Equal(["labels", "relationshipTypes", "propertyKeys"],
            result.Records.Select(r => ((IReadOnlyDictionary<string, object?>)r["result"]!)["name"]));
    }

    [Theory]
    [InlineData("test.proc(a :: INTEGER) :: (b :: STRING)", "test.proc", 1, 1)]
    [InlineData("test.my.proc(name :: STRING?, in :: INTEGER?) :: (out :: INTEGER?)", "test.my.proc", 2, 1)]
    [InlineData("test.doNothing() :: ()", "test.doNothing", 0, 0)]
    [InlineData("test.v() :: VOID", "test.v", 0, 0)]
    [InlineData("x.y(l :: LIST? OF STRING?, m = 3 :: INTEGER) :: (a :: LIST<NODE>, b :: MAP)", "x.y", 2, 2)]
    public void Signatures_parse_in_neo4j_4_and_5_notation(string signature, string name, int inputs, int outputs)
    {
        var (parsedName, parsedInputs, parsedOutputs) = ProcedureDefinition.ParseSignature(signature);
        Assert.Equal(name, parsedName);
        Assert.Equal(inputs, parsedInputs.Count);
        Assert.Equal(outputs, parsedOutputs.Count);
    }

    [Theory]
    [InlineData("noparens :: (a :: STRING)")]
    [InlineData("p(a) :: (b :: STRING)")]
    [InlineData("p(a :: WIDGET) :: (b :: STRING)")]
    [InlineData("p() :: b :: STRING")]
    [InlineData("p() :: (b = 1 :: STRING)")]
    public void Malformed_signatures_are_rejected_with_a_reason(string signature)
    {
        var error = Assert.Throws<FormatException>(() => ProcedureDefinition.ParseSignature(signature));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
