using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// A Query API body that does not follow the documented format; the message names the place (a JSON path or a byte
/// offset). <see cref="Code"/> is Neo.ClientError.Request.InvalidFormat for a wrong shape, Neo.ClientError.Request.Invalid
/// for text that is not valid Unicode.
/// </summary>
public sealed class WireFormatException(string message, string code = Neo4jStatus.InvalidFormat) : FormatException(message)
{
    public string Code { get; } = code;

    public static WireFormatException At(string path, string problem) => new($"{problem} (at {path})");
}
