using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>Temporal parameters enter the engine as they are, except that a named zone must exist and gives the offset.</summary>
internal static class TemporalParameters
{
    public static object Check(ITemporalValue value)
    {
        // Only the contract's own temporal types: the store cannot keep another implementation of the interface.
        if (value is not (LocalDate or LocalTime or OffsetTime or LocalDateTime or ZonedDateTime or Duration))
            throw new ClientException(Neo4jStatus.TypeError, $"A parameter of type {value.GetType().Name} cannot be used by the embedded engine; use one of the contract's temporal types.");
        if (value is not ZonedDateTime { ZoneId: { } id } zoned) return value;
        if (!TimeZoneRules.Exists(id))
            throw new ClientException(Neo4jStatus.TypeError, $"A datetime parameter names the time zone '{id}', which the engine's tzdb ({TimeZoneRules.Version}) does not know.");
        // The instant is what the caller means (Bolt sends UTC seconds and a zone id): the zone's rules give the offset.
        return new ZoneSpec(id, 0).AtInstant(zoned.EpochSecond, zoned.Nanosecond);
    }
}
