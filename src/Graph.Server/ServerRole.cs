namespace Graph.Server;

/// <summary>What a user may do, named after Neo4j's built-in roles.</summary>
public enum ServerRole
{
    /// <summary>Reads and writes ("editor").</summary>
    Editor,
    /// <summary>Reads only ("reader"): every query runs in a Read session; a write is refused with Neo.ClientError.Security.Forbidden.</summary>
    Reader,
}
