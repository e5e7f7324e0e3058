namespace Graph.Cli;

/// <summary>A failure the user can fix, reported as one message (no stack trace).</summary>
public sealed class CliException(string message, int exitCode = CliRunner.ExitFailure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
