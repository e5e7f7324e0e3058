using System.Reflection;
using Graph.Client;

namespace Graph.Tck.Execution;

/// <summary>Creates a fresh in-memory embedded engine per scenario.</summary>
public static class EngineDrivers
{
    /// <summary>
    /// Graph.Engine.EmbeddedDriver.InMemory(EngineOptions?), looked up by name so the runner builds while
    /// the engine is being written. Throws when the engine does not provide it yet.
    /// </summary>
    public static IDriver InMemory()
    {
        var type = Type.GetType("Graph.Engine.EmbeddedDriver, Graph.Engine")
            ?? throw new InvalidOperationException("Graph.Engine has no EmbeddedDriver yet (merge the runtime branch).");
        var method = type.GetMethod("InMemory", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException("Graph.Engine.EmbeddedDriver has no static InMemory method.");
        var arguments = method.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        return (IDriver)method.Invoke(null, arguments)!;
    }

    public static bool EngineAvailable => Type.GetType("Graph.Engine.EmbeddedDriver, Graph.Engine") is not null;
}
