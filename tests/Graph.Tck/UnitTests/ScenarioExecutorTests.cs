using Graph.Client;
using Graph.Tck.Execution;
using Graph.Tck.Features;

namespace Graph.Tck.UnitTests;

public class ScenarioExecutorTests
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

    private static async Task<ScenarioOutcome> Run(ScriptedDriver driver, string steps, TimeSpan? timeout = null)
    {
        var feature = "Feature: F\n\n  Scenario: S\n" + string.Join('\n', steps.Split('\n').Select(l => "    " + l)) + "\n";
        var scenario = Assert.Single(FeatureLoader.Parse(feature, "F.feature"));
        var runner = new TckRunner(() => driver, new TckRunOptions { ScenarioTimeout = timeout ?? TimeSpan.FromSeconds(5) });
        return await runner.RunScenarioAsync(scenario, graphsRoot: null);
    }

    private const string Query = "When executing query:\n  \"\"\"\n  RETURN x\n  \"\"\"\n";

    [Fact]
    public async Task Passes_when_rows_match_in_any_order()
    {
        var driver = new ScriptedDriver().On("RETURN x", ["x"], [2L], [1L]);
        var outcome = await Run(driver, "Given any graph\n" + Query + "Then the result should be, in any order:\n  | x |\n  | 1 |\n  | 2 |\nAnd no side effects");
        Assert.True(outcome.Passed, outcome.Reason);
    }

    [Fact]
    public async Task Fails_in_order_when_rows_are_permuted()
    {
        var driver = new ScriptedDriver().On("RETURN x", ["x"], [2L], [1L]);
        var outcome = await Run(driver, Query + "Then the result should be, in order:\n  | x |\n  | 1 |\n  | 2 |");
        Assert.Equal(FailureKind.ResultMismatch, outcome.Kind);
        Assert.Contains("another order", outcome.Reason);
    }

    [Fact]
    public async Task Reports_missing_and_unexpected_rows()
    {
        var driver = new ScriptedDriver().On("RETURN x", ["x"], [1.0]);
        var outcome = await Run(driver, Query + "Then the result should be, in any order:\n  | x |\n  | 1 |");
        Assert.Equal(FailureKind.ResultMismatch, outcome.Kind);
        Assert.Contains("missing 1: | 1 |", outcome.Reason);
        Assert.Contains("unexpected 1: | 1.0 |", outcome.Reason);
    }

    [Fact]
    public async Task Column_names_must_match_exactly()
    {
        var driver = new ScriptedDriver().On("RETURN x", ["X"], [1L]);
        var outcome = await Run(driver, Query + "Then the result should be, in any order:\n  | x |\n  | 1 |");
        Assert.Equal(FailureKind.ResultMismatch, outcome.Kind);
        Assert.Contains("columns differ", outcome.Reason);
    }

    [Fact]
    public async Task Ignoring_element_order_for_lists_applies_to_cells()
    {
        var driver = new ScriptedDriver().On("RETURN x", ["x"], [new List<object?> { 2L, 1L }]);
        var ignoring = await Run(driver, Query + "Then the result should be (ignoring element order for lists):\n  | x |\n  | [1, 2] |");
        Assert.True(ignoring.Passed, ignoring.Reason);
        var strict = await Run(driver, Query + "Then the result should be, in any order:\n  | x |\n  | [1, 2] |");
        Assert.Equal(FailureKind.ResultMismatch, strict.Kind);
    }

    [Fact]
    public async Task Expected_error_passes_on_type_and_phase_and_notes_a_different_detail()
    {
        var error = new GraphException(Neo4jStatus.SyntaxError, "bad") { Phase = ErrorPhase.CompileTime, Detail = "UndefinedVariable" };
        var driver = new ScriptedDriver().Throws("RETURN x", error);
        var outcome = await Run(driver, Query + "Then a SyntaxError should be raised at compile time: VariableAlreadyBound");
        Assert.True(outcome.Passed, outcome.Reason);
        Assert.Equal("expected detail VariableAlreadyBound, got UndefinedVariable", outcome.DetailMismatch);
    }

    [Fact]
    public async Task A_query_that_never_answers_fails_its_scenario_as_a_timeout()
    {
        var never = new TaskCompletionSource<QueryResult>(); // ignores cancellation, like a hung engine
        var driver = new ScriptedDriver().On("RETURN x", _ => never.Task.GetAwaiter().GetResult());
        var started = DateTime.UtcNow;
        var outcome = await Run(driver, Query + "Then the result should be empty", TimeSpan.FromMilliseconds(200));
        Assert.Equal(FailureKind.Timeout, outcome.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        never.SetCanceled(); // release the blocked thread
    }

    [Fact]
    public async Task A_star_detail_means_any_detail()
    {
        var error = new GraphException(Neo4jStatus.TypeError, "bad") { Phase = ErrorPhase.Runtime, Detail = "InvalidArgumentType" };
        var outcome = await Run(new ScriptedDriver().Throws("RETURN x", error), Query + "Then a TypeError should be raised at runtime: *");
        Assert.True(outcome.Passed, outcome.Reason);
        Assert.Null(outcome.DetailMismatch);
    }

    [Fact]
    public async Task The_tck_constraint_verification_error_is_neo4js_constraint_validation_code()
    {
        var error = new GraphException(Neo4jStatus.DeleteConstraintViolation, "connected") { Phase = ErrorPhase.Runtime, Detail = "DeleteConnectedNode" };
        var outcome = await Run(new ScriptedDriver().Throws("RETURN x", error), Query + "Then a ConstraintVerificationFailed should be raised at runtime: DeleteConnectedNode");
        Assert.True(outcome.Passed, outcome.Reason);
        Assert.False(ScenarioExecutor.MatchesTckErrorType("SyntaxError", "ConstraintValidationFailed"));
    }

    [Fact]
    public async Task Expected_error_fails_on_wrong_phase_or_type_or_no_error()
    {
        var runtime = new GraphException(Neo4jStatus.TypeError, "bad") { Phase = ErrorPhase.Runtime };
        var driver = new ScriptedDriver().Throws("RETURN x", runtime);
        Assert.Equal(FailureKind.WrongError, (await Run(driver, Query + "Then a TypeError should be raised at compile time: X")).Kind);
        Assert.Equal(FailureKind.WrongError, (await Run(driver, Query + "Then a SyntaxError should be raised at runtime: X")).Kind);
        Assert.True((await Run(driver, Query + "Then a TypeError should be raised at any time: X")).Passed);

        var succeeding = new ScriptedDriver().On("RETURN x", ["x"], [1L]);
        Assert.Equal(FailureKind.ErrorNotRaised, (await Run(succeeding, Query + "Then a TypeError should be raised at runtime: X")).Kind);
    }

    [Fact]
    public async Task An_unexpected_error_is_classified_by_type_and_phase()
    {
        var syntax = new ScriptedDriver().Throws("RETURN x", new GraphException(Neo4jStatus.SyntaxError, "nope") { Phase = ErrorPhase.CompileTime });
        Assert.Equal(FailureKind.UnexpectedSyntaxError, (await Run(syntax, Query + "Then the result should be empty")).Kind);
        var crash = new ScriptedDriver().On("RETURN x", _ => throw new NotImplementedException("later"));
        var outcome = await Run(crash, Query + "Then the result should be empty");
        Assert.Equal(FailureKind.Crash, outcome.Kind);
        Assert.Contains("NotImplementedException: later", outcome.Reason);
    }

    [Fact]
    public async Task Side_effects_are_the_graph_difference_with_labels_counted_once()
    {
        var driver = new ScriptedDriver().On("RETURN x", d =>
        {
            d.Nodes.Add(new Node("1", ["Label"], NoProperties));
            d.Nodes.Add(new Node("2", ["Label"], new Dictionary<string, object?> { ["k"] = 1L }));
            return ScriptedDriver.Empty();
        });
        var outcome = await Run(driver, Query + "Then the result should be empty\nAnd the side effects should be:\n  | +nodes | 2 |\n  | +labels | 1 |\n  | +properties | 1 |");
        Assert.True(outcome.Passed, outcome.Reason);

        driver.Nodes.Clear();
        var wrong = await Run(driver, Query + "Then the result should be empty\nAnd no side effects");
        Assert.Equal(FailureKind.SideEffectsMismatch, wrong.Kind);
        Assert.Contains("+nodes expected 0, got 2", wrong.Reason);
    }

    [Fact]
    public async Task A_changed_property_counts_as_one_removed_and_one_added()
    {
        var driver = new ScriptedDriver().On("RETURN x", d =>
        {
            d.Nodes[0] = new Node("1", [], new Dictionary<string, object?> { ["name"] = "new" });
            return ScriptedDriver.Empty();
        });
        driver.Nodes.Add(new Node("1", [], new Dictionary<string, object?> { ["name"] = "old" }));
        var outcome = await Run(driver, Query + "Then the result should be empty\nAnd the side effects should be:\n  | +properties | 1 |\n  | -properties | 1 |");
        Assert.True(outcome.Passed, outcome.Reason);
    }

    [Fact]
    public async Task Procedures_need_the_engines_registry_and_unknown_steps_are_runner_errors()
    {
        var driver = new ScriptedDriver();
        Assert.Equal(FailureKind.Unsupported, (await Run(driver, "Given an empty graph\nAnd there exists a procedure test.doNothing() :: ():\n  | a |")).Kind);
        var unknown = await Run(driver, "Given a graph made of cheese");
        Assert.Equal(FailureKind.RunnerError, unknown.Kind);
        Assert.Contains("unknown step", unknown.Reason);
    }

    [Fact]
    public async Task A_failing_setup_query_fails_the_scenario_as_setup()
    {
        var driver = new ScriptedDriver();
        var outcome = await Run(driver, "Given an empty graph\nAnd having executed:\n  \"\"\"\n  CREATE (\n  \"\"\"\n" + Query + "Then the result should be empty");
        Assert.Equal(FailureKind.SetupFailed, outcome.Kind);
    }

    [Fact]
    public async Task Parameters_are_parsed_in_tck_notation()
    {
        var driver = new ScriptedDriver().On("RETURN x", _ => ScriptedDriver.Empty());
        var outcome = await Run(driver, "Given any graph\nAnd parameters are:\n  | list | [1, 'a'] |\n  | n | 2.5 |\n" + Query + "Then the result should be empty");
        Assert.True(outcome.Passed, outcome.Reason);
        var parameters = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(driver.LastParameters);
        Assert.Equal(new object?[] { 1L, "a" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(parameters["list"]));
        Assert.Equal(2.5, parameters["n"]);
    }
}
