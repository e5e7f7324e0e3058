using System.Reflection;

namespace Graph.Engine;

/// <summary>What the embedded engine says about itself to tools (dbms.components, SHOW DATABASES, plan descriptions).</summary>
internal static class EngineInfo
{
    /// <summary>The name of the one database the engine serves, as Neo4j names its default database.</summary>
    public const string DefaultDatabase = "neo4j";

    /// <summary>
    /// The Neo4j version whose Cypher, procedures and result shapes the engine follows. Tools (Neo4j Browser,
    /// cypher-shell, the drivers) read it from dbms.components() to decide which features to use.
    /// </summary>
    public const string Neo4jCompatibleVersion = "5.26.0";

    /// <summary>The engine's own version (the assembly's informational version).</summary>
    public static string Version { get; } =
        typeof(EngineInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(EngineInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
