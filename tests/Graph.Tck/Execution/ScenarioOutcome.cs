namespace Graph.Tck.Execution;

/// <summary>Why a scenario failed; <see cref="FailureKinds.Category"/> groups kinds for FAILURES.md.</summary>
public enum FailureKind
{
    None,
    /// <summary>The engine raised a SyntaxError where the scenario expected a result.</summary>
    UnexpectedSyntaxError,
    /// <summary>The engine raised another compile-time error where the scenario expected a result.</summary>
    UnexpectedCompileError,
    /// <summary>The engine raised a runtime GraphException where the scenario expected a result.</summary>
    UnexpectedRuntimeError,
    /// <summary>The engine threw something that is not a GraphException (a bug or a missing feature).</summary>
    Crash,
    /// <summary>A setup step (having executed, a named graph) failed.</summary>
    SetupFailed,
    /// <summary>An error was expected but the query succeeded.</summary>
    ErrorNotRaised,
    /// <summary>An error was raised but of another type or at another phase.</summary>
    WrongError,
    ResultMismatch,
    SideEffectsMismatch,
    Timeout,
    /// <summary>The scenario needs something out of scope (procedures).</summary>
    Unsupported,
    /// <summary>The runner could not interpret the scenario (unknown step, unparsable value or feature file).</summary>
    RunnerError,
}

public static class FailureKinds
{
    /// <summary>The cause groups FAILURES.md uses: parser, semantics, runtime feature, value comparison, ...</summary>
    public static string Category(FailureKind kind, string? reason = null) => kind switch
    {
        // A function the engine does not know is a missing feature, whatever step ran into it.
        _ when reason?.Contains("(UnknownFunction)", StringComparison.Ordinal) == true => "runtime feature",
        FailureKind.UnexpectedSyntaxError => "parser",
        FailureKind.UnexpectedCompileError or FailureKind.ErrorNotRaised or FailureKind.WrongError => "semantics",
        FailureKind.UnexpectedRuntimeError or FailureKind.Crash or FailureKind.SetupFailed or FailureKind.Timeout => "runtime feature",
        FailureKind.ResultMismatch or FailureKind.SideEffectsMismatch => "value comparison",
        FailureKind.Unsupported => "out of scope",
        FailureKind.RunnerError => "runner",
        _ => "none",
    };
}

/// <summary>The result of one scenario.</summary>
/// <param name="DetailMismatch">Set when the expected error had the right type and phase but another detail (still a pass).</param>
public sealed record ScenarioOutcome(FailureKind Kind, string? Reason, string? DetailMismatch, TimeSpan Elapsed, bool Skipped = false)
{
    public bool Passed => Kind == FailureKind.None && !Skipped;
    public bool Failed => Kind != FailureKind.None;
}
