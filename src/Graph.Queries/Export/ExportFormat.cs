namespace Graph.Queries.Export;

public enum ExportFormat
{
    GraphMl,

    /// <summary>GEXF 1.2draft: what Gephi and networkx (2.x and 3.x) read.</summary>
    Gexf,

    /// <summary>GEXF 1.3 (newer Gephi); older readers such as Debian's networkx 2.8 do not know its namespace.</summary>
    Gexf13,
    Csv,
}
