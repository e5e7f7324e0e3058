using Graph.Client;
using Graph.Engine;

namespace Graph.Tck.Execution;

/// <summary>Creates a fresh in-memory embedded engine per scenario.</summary>
public static class EngineDrivers
{
    public static IDriver InMemory() => EmbeddedDriver.InMemory(new EngineOptions { SyncOnCommit = false });
}
