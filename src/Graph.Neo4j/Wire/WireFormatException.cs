namespace Graph.Neo4j.Wire;

/// <summary>A Query API body that does not follow the documented format; the message names the place (a JSON path).</summary>
public sealed class WireFormatException(string message) : FormatException(message)
{
    public static WireFormatException At(string path, string problem) => new($"{problem} (at {path})");
}
