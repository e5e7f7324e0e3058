namespace Graph.Client;

/// <summary>When an error was raised: while compiling the statement, or while running it.</summary>
public enum ErrorPhase
{
    CompileTime,
    Runtime,
}
