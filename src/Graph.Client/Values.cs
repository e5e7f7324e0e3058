namespace Graph.Client;

// The contract's value model. A value is one of:
//   null, bool, long, double, string,
//   IReadOnlyList<object?> (list), IReadOnlyDictionary<string, object?> (map),
//   Node, Relationship, GraphPath, byte[] (Bolt's bytes),
//   LocalDate, LocalTime, OffsetTime, LocalDateTime, ZonedDateTime, Duration (the temporal types, ITemporalValue).
// Stores return exactly these CLR types so that callers can pattern-match on them.

/// <summary>Converts contract values to CLR types for <see cref="Record.Get{T}"/>.</summary>
public static class Values<T>
{
    public static T Convert(object? value) => (T)Values.ConvertTo(value, typeof(T))!;
}

public static class Values
{
    /// <summary>
    /// Normalizes a CLR value passed as a parameter to the contract's value model
    /// (int to long, float to double, arrays and enumerables to lists, dictionaries to maps).
    /// Throws <see cref="ClientException"/> with <see cref="Neo4jStatus.TypeError"/> for unsupported types.
    /// </summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        bool or long or double or string or Node or Relationship or GraphPath or ITemporalValue => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        sbyte sb => (long)sb,
        uint ui => (long)ui,
        ushort us => (long)us,
        ulong ul when ul <= long.MaxValue => (long)ul,
        float f => (double)f,
        decimal m => (double)m,
        char c => c.ToString(),
        Enum e => e.ToString(),
        // CLR dates and times become the temporal types, to the tick (a UTC DateTime is a datetime at offset Z).
        DateOnly d => LocalDate.FromDateOnly(d),
        TimeOnly t => LocalTime.FromTimeOnly(t),
        DateTime dt when dt.Kind == DateTimeKind.Utc => new ZonedDateTime(LocalDateTime.FromDateTime(dt), 0),
        DateTime dt => LocalDateTime.FromDateTime(dt),
        DateTimeOffset dto => ZonedDateTime.FromDateTimeOffset(dto),
        TimeSpan span => Duration.FromTimeSpan(span),
        Guid g => g.ToString(),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value)),
        IDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value)),
        IDictionary<string, string> map => map.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        byte[] bytes => bytes, // a byte array is one value (Bolt bytes), not a list of numbers
        System.Collections.IEnumerable seq => seq.Cast<object?>().Select(Normalize).ToList(),
        _ => throw new ClientException(Neo4jStatus.TypeError, $"A parameter of CLR type {value.GetType().Name} has no Cypher equivalent."),
    };

    public static IReadOnlyDictionary<string, object?> NormalizeParameters(IReadOnlyDictionary<string, object?>? parameters) =>
        parameters is null ? new Dictionary<string, object?>() : parameters.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value));

    public static object? ConvertTo(object? value, Type type)
    {
        if (value is null)
        {
            if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null) return null;
            throw new InvalidCastException($"Cannot convert null to {type.Name}.");
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value)) return value;
        if (target == typeof(int) && value is long l) return checked((int)l);
        if (target == typeof(double) && value is long l2) return (double)l2;
        if (target == typeof(float) && value is double d) return (float)d;
        if (target == typeof(string)) return ValueFormatter.ToDisplayString(value);
        if (value is IReadOnlyList<object?> list && target.IsGenericType)
        {
            var def = target.GetGenericTypeDefinition();
            if (def == typeof(List<>) || def == typeof(IReadOnlyList<>) || def == typeof(IList<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyCollection<>))
            {
                var element = target.GetGenericArguments()[0];
                var typed = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                foreach (var item in list) typed.Add(ConvertTo(item, element));
                return typed;
            }
        }
        throw new InvalidCastException($"Cannot convert a value of type {value.GetType().Name} to {type.Name}.");
    }

    /// <summary>The Cypher type name of a value, as used in error messages ("Integer", "String", "Node", ...).</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "Null",
        bool => "Boolean",
        long or int => "Integer",
        double or float => "Float",
        string => "String",
        Node => "Node",
        Relationship => "Relationship",
        GraphPath => "Path",
        ITemporalValue t => t.CypherTypeName,
        IReadOnlyDictionary<string, object?> => "Map",
        byte[] => "ByteArray",
        IReadOnlyList<object?> => "List",
        _ => value.GetType().Name,
    };
}
