namespace Graph.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}
