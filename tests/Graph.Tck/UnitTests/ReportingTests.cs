using Graph.Tck.Execution;
using Graph.Tck.Features;
using Graph.Tck.Reporting;

namespace Graph.Tck.UnitTests;

public class ReportingTests
{
    private static ScenarioResult Result(string name, FailureKind kind, string? reason = null) =>
        new(new TckScenario("a/F.feature", "F", name, null, 1, [], []), new ScenarioOutcome(kind, reason, null, TimeSpan.Zero));

    private static TckRunResult Run(params ScenarioResult[] results) => new(results, [], TimeSpan.FromSeconds(1));

    [Fact]
    public void The_report_ends_with_the_total_line()
    {
        var report = TckReport.Format(Run(Result("[1] ok", FailureKind.None), Result("[2] bad", FailureKind.ResultMismatch, "why")), verbose: true);
        Assert.EndsWith("1 passed, 1 failed", report);
        Assert.Contains("FAIL [2] bad [ResultMismatch]: why", report);
        Assert.Contains("a/F.feature", report);
    }

    [Fact]
    public void Known_failures_separate_regressions_from_scenarios_that_now_pass()
    {
        var run = Run(Result("[1] fixed", FailureKind.None), Result("[2] known", FailureKind.Crash), Result("[3] new", FailureKind.Timeout));
        var known = new HashSet<string> { "a/F.feature: [1] fixed", "a/F.feature: [2] known" };
        var (regressions, nowPassing) = KnownFailures.Compare(run, known);
        Assert.Equal(["a/F.feature: [3] new"], regressions);
        Assert.Equal(["a/F.feature: [1] fixed"], nowPassing);
    }

    [Fact]
    public void Known_failures_round_trip_through_the_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            KnownFailures.Write(file, Run(Result("[2] known", FailureKind.Crash), Result("[1] ok", FailureKind.None)));
            Assert.Equal(new HashSet<string> { "a/F.feature: [2] known" }, KnownFailures.Read(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Signatures_group_messages_that_differ_only_in_names_and_numbers()
    {
        Assert.Equal(FailuresMarkdown.Signature("SyntaxError at compile time: unknown function 'toUpper' at line 2"),
            FailuresMarkdown.Signature("SyntaxError at compile time: unknown function 'size' at line 14"));
        Assert.NotEqual(FailuresMarkdown.Signature("unknown function 'x'"), FailuresMarkdown.Signature("unknown clause 'x'"));
    }

    [Fact]
    public void Wrong_error_signatures_keep_type_phase_and_detail_but_drop_the_message()
    {
        Assert.Equal(
            FailuresMarkdown.Signature("expected SyntaxError at compile time (InvalidArgumentType), got TypeError at runtime (InvalidArgumentType): AND expects a Boolean but got Float (1.5)."),
            FailuresMarkdown.Signature("expected SyntaxError at compile time (InvalidArgumentType), got TypeError at runtime (InvalidArgumentType): NOT expects a Boolean but got List ([0])."));
    }

    [Fact]
    public void Unknown_function_signatures_keep_the_function_name()
    {
        Assert.Contains("date()", FailuresMarkdown.Signature("SemanticError at compile time (UnknownFunction): Unknown function 'date' (line 1)"));
        Assert.NotEqual(FailuresMarkdown.Signature("Unknown function 'date' (line 1)"), FailuresMarkdown.Signature("Unknown function 'time' (line 1)"));
    }

    [Fact]
    public void Failures_markdown_groups_by_cause()
    {
        var md = FailuresMarkdown.Format(Run(Result("[1] a", FailureKind.UnexpectedSyntaxError, "SyntaxError: x"), Result("[2] b", FailureKind.ResultMismatch, "rows")), "test");
        Assert.Contains("| parser | UnexpectedSyntaxError | 1 |", md);
        Assert.Contains("| value comparison | ResultMismatch | 1 |", md);
    }
}
