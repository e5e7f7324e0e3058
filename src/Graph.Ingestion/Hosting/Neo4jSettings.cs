namespace Graph.Ingestion.Hosting;

/// <summary>The "Neo4j" configuration section (GRAPH_Neo4j__Uri, GRAPH_Neo4j__Password, ...).</summary>
public sealed class Neo4jSettings
{
    public const string Section = "Neo4j";

    public string Uri { get; set; } = "http://localhost:7474";
    public string Database { get; set; } = "neo4j";
    public string? User { get; set; } = "neo4j";
    public string? Password { get; set; }
}
