using Graph.Client;
using Graph.Engine;

namespace Graph.Tck.Execution;

/// <summary>Creates a fresh in-memory embedded engine per scenario.</summary>
public static class EngineDrivers
{
    /// <summary>The engine's own statement timeout backs up the runner's per-scenario timeout.</summary>
    public static IDriver InMemory() =>
        EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false, QueryTimeout = TimeSpan.FromSeconds(10) });
}
