namespace Graph.Tck.Execution;

/// <summary>Thrown by a step to end its scenario with a classified failure.</summary>
public sealed class ScenarioFailure(FailureKind kind, string reason) : Exception(reason)
{
    public FailureKind Kind { get; } = kind;
}
