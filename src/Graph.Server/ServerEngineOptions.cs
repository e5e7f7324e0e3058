using Graph.Engine;

namespace Graph.Server;

/// <summary>
/// The embedded engine's settings that follow from the server's: the one place where server configuration reaches
/// the engine. Everything else keeps the engine's defaults (its memory and depth limits among them).
/// </summary>
public static class ServerEngineOptions
{
    /// <summary>
    /// The server's query time limit becomes the engine's default, so that the web view's queries are bounded like the
    /// Query API's; Server:WriteLockTimeout, when set, is how long a writer waits for the store's single write lock.
    /// </summary>
    public static EngineOptions For(ServerOptions options)
    {
        var defaults = new EngineOptions();
        return new EngineOptions { QueryTimeout = options.QueryTimeLimit, WriteLockTimeout = options.WriteLockTimeout ?? defaults.WriteLockTimeout };
    }
}
