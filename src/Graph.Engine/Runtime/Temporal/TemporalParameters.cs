using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>Temporal parameters enter the engine as they are, except that a named zone must exist and gives the offset.</summary>
internal static class TemporalParameters
{
    public static object Check(ITemporalValue value)
    {
        if (value is not ZonedDateTime { ZoneId: { } id } zoned) return value;
        if (!TimeZoneRules.Exists(id))
            throw new ClientException(StatusCodes.TypeError, $"A datetime parameter names the time zone '{id}', which the engine's tzdb ({TimeZoneRules.Version}) does not know.");
        // The instant is what the caller means (Bolt sends UTC seconds and a zone id): the zone's rules give the offset.
        return new ZoneSpec(id, 0).AtInstant(zoned.EpochSecond, zoned.Nanosecond);
    }
}
