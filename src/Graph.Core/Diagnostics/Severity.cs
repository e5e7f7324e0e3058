using Graph.Core.Model;

namespace Graph.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}
