namespace Graph.Client;

/// <summary>
/// The six Cypher temporal types of the contract (<see cref="LocalDate"/>, <see cref="LocalTime"/>, <see cref="OffsetTime"/>,
/// <see cref="LocalDateTime"/>, <see cref="ZonedDateTime"/>, <see cref="Duration"/>). Each is an immutable record whose
/// <c>ToString()</c> is the ISO-8601 text Neo4j prints and whose <c>Parse</c> reads that text back exactly.
/// </summary>
public interface ITemporalValue
{
    /// <summary>The Cypher type name as Neo4j reports it in errors ("Date", "LocalTime", "Time", "LocalDateTime", "DateTime", "Duration").</summary>
    string CypherTypeName { get; }
}
