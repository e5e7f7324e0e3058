namespace Graph.Engine.Functions;

/// <summary>
/// The built-in functions as SHOW FUNCTIONS lists them: name, Neo4j's category, signature and a description. Every
/// function <see cref="ScalarFunctions"/> and <see cref="Aggregations"/> implement has an entry (a test checks it).
/// </summary>
internal static class FunctionCatalog
{
    private const string Aggregating = "Aggregating";
    private const string List = "List";
    private const string Numeric = "Numeric";
    private const string Logarithmic = "Logarithmic";
    private const string Trigonometric = "Trigonometric";
    private const string Scalar = "Scalar";
    private const string StringCategory = "String";
    private const string Temporal = "Temporal";
    private const string Predicate = "Predicate";

    /// <summary>Every built-in function, ordered by name (SHOW FUNCTIONS' order).</summary>
    public static IReadOnlyList<FunctionInfo> All { get; } = new FunctionInfo[]
    {
        // aggregating
        new("avg", Aggregating, "avg(input :: INTEGER | FLOAT | DURATION) :: INTEGER | FLOAT | DURATION", "Returns the average of a set of numeric values.", true),
        new("collect", Aggregating, "collect(input :: ANY) :: LIST<ANY>", "Returns a list of the non-null values of a set.", true),
        new("count", Aggregating, "count(input :: ANY) :: INTEGER", "Returns the number of values or rows.", true),
        new("max", Aggregating, "max(input :: ANY) :: ANY", "Returns the largest value of a set.", true),
        new("min", Aggregating, "min(input :: ANY) :: ANY", "Returns the smallest value of a set.", true),
        new("percentileCont", Aggregating, "percentileCont(input :: FLOAT, percentile :: FLOAT) :: FLOAT", "Returns the percentile of a set of values, interpolating between two values when needed.", true),
        new("percentileDisc", Aggregating, "percentileDisc(input :: INTEGER | FLOAT, percentile :: FLOAT) :: INTEGER | FLOAT", "Returns the percentile of a set of values, as the value closest to it.", true),
        new("stDev", Aggregating, "stDev(input :: FLOAT) :: FLOAT", "Returns the standard deviation of a sample of values.", true),
        new("stDevP", Aggregating, "stDevP(input :: FLOAT) :: FLOAT", "Returns the standard deviation of a whole population of values.", true),
        new("sum", Aggregating, "sum(input :: INTEGER | FLOAT | DURATION) :: INTEGER | FLOAT | DURATION", "Returns the sum of a set of numeric values.", true),

        // lists
        new("keys", List, "keys(input :: NODE | RELATIONSHIP | MAP) :: LIST<STRING>", "Returns the property keys of a node or relationship, or the keys of a map."),
        new("labels", List, "labels(input :: NODE) :: LIST<STRING>", "Returns the labels of a node."),
        new("nodes", List, "nodes(input :: PATH) :: LIST<NODE>", "Returns the nodes of a path."),
        new("range", List, "range(start :: INTEGER, end :: INTEGER, step = 1 :: INTEGER) :: LIST<INTEGER>", "Returns the integers from start to end (inclusive) in steps."),
        new("relationships", List, "relationships(input :: PATH) :: LIST<RELATIONSHIP>", "Returns the relationships of a path."),
        new("reverse", List, "reverse(input :: STRING | LIST<ANY>) :: STRING | LIST<ANY>", "Returns a string or list in reverse order."),
        new("tail", List, "tail(input :: LIST<ANY>) :: LIST<ANY>", "Returns all but the first element of a list."),
        new("toBooleanList", List, "toBooleanList(input :: LIST<ANY>) :: LIST<BOOLEAN>", "Converts each element of a list to a boolean (null where it cannot)."),
        new("toFloatList", List, "toFloatList(input :: LIST<ANY>) :: LIST<FLOAT>", "Converts each element of a list to a float (null where it cannot)."),
        new("toIntegerList", List, "toIntegerList(input :: LIST<ANY>) :: LIST<INTEGER>", "Converts each element of a list to an integer (null where it cannot)."),
        new("toStringList", List, "toStringList(input :: LIST<ANY>) :: LIST<STRING>", "Converts each element of a list to a string (null where it cannot)."),

        // numbers
        new("abs", Numeric, "abs(input :: INTEGER | FLOAT) :: INTEGER | FLOAT", "Returns the absolute value of a number."),
        new("ceil", Numeric, "ceil(input :: FLOAT) :: FLOAT", "Returns the smallest integral float greater than or equal to a number."),
        new("floor", Numeric, "floor(input :: FLOAT) :: FLOAT", "Returns the largest integral float less than or equal to a number."),
        new("rand", Numeric, "rand() :: FLOAT", "Returns a random float in [0, 1)."),
        new("round", Numeric, "round(value :: FLOAT, precision = 0 :: INTEGER | FLOAT, mode = HALF_UP :: STRING) :: FLOAT", "Rounds a number, optionally to a precision and with a rounding mode."),
        new("sign", Numeric, "sign(input :: INTEGER | FLOAT) :: INTEGER", "Returns -1, 0 or 1: the sign of a number."),
        new("e", Logarithmic, "e() :: FLOAT", "Returns Euler's number, the base of the natural logarithm."),
        new("exp", Logarithmic, "exp(input :: FLOAT) :: FLOAT", "Returns e raised to a power."),
        new("log", Logarithmic, "log(input :: FLOAT) :: FLOAT", "Returns the natural logarithm of a number."),
        new("log10", Logarithmic, "log10(input :: FLOAT) :: FLOAT", "Returns the base-10 logarithm of a number."),
        new("sqrt", Logarithmic, "sqrt(input :: FLOAT) :: FLOAT", "Returns the square root of a number."),
        new("acos", Trigonometric, "acos(input :: FLOAT) :: FLOAT", "Returns the arccosine of a number, in radians."),
        new("asin", Trigonometric, "asin(input :: FLOAT) :: FLOAT", "Returns the arcsine of a number, in radians."),
        new("atan", Trigonometric, "atan(input :: FLOAT) :: FLOAT", "Returns the arctangent of a number, in radians."),
        new("atan2", Trigonometric, "atan2(y :: FLOAT, x :: FLOAT) :: FLOAT", "Returns the arctangent of y/x (the angle of the point (x, y)), in radians."),
        new("cos", Trigonometric, "cos(input :: FLOAT) :: FLOAT", "Returns the cosine of an angle in radians."),
        new("cot", Trigonometric, "cot(input :: FLOAT) :: FLOAT", "Returns the cotangent of an angle in radians."),
        new("degrees", Trigonometric, "degrees(input :: FLOAT) :: FLOAT", "Converts radians to degrees."),
        new("haversin", Trigonometric, "haversin(input :: FLOAT) :: FLOAT", "Returns half the versine of an angle in radians."),
        new("pi", Trigonometric, "pi() :: FLOAT", "Returns the mathematical constant pi."),
        new("radians", Trigonometric, "radians(input :: FLOAT) :: FLOAT", "Converts degrees to radians."),
        new("sin", Trigonometric, "sin(input :: FLOAT) :: FLOAT", "Returns the sine of an angle in radians."),
        new("tan", Trigonometric, "tan(input :: FLOAT) :: FLOAT", "Returns the tangent of an angle in radians."),

        // scalar
        new("coalesce", Scalar, "coalesce(input :: ANY) :: ANY", "Returns the first of its arguments that is not null."),
        new("elementId", Scalar, "elementId(input :: NODE | RELATIONSHIP) :: STRING", "Returns the element id of a node or relationship."),
        new("endNode", Scalar, "endNode(input :: RELATIONSHIP) :: NODE", "Returns the end node of a relationship."),
        new("head", Scalar, "head(list :: LIST<ANY>) :: ANY", "Returns the first element of a list."),
        new("id", Scalar, "id(input :: NODE | RELATIONSHIP) :: INTEGER", "Returns the internal id of a node or relationship (prefer elementId)."),
        new("last", Scalar, "last(list :: LIST<ANY>) :: ANY", "Returns the last element of a list."),
        new("length", Scalar, "length(input :: PATH) :: INTEGER", "Returns the number of relationships of a path."),
        new("properties", Scalar, "properties(input :: NODE | RELATIONSHIP | MAP) :: MAP", "Returns the properties of a node or relationship as a map."),
        new("randomUUID", Scalar, "randomUUID() :: STRING", "Returns a random UUID string."),
        new("size", Scalar, "size(input :: STRING | LIST<ANY>) :: INTEGER", "Returns the number of elements of a list or characters of a string."),
        new("startNode", Scalar, "startNode(input :: RELATIONSHIP) :: NODE", "Returns the start node of a relationship."),
        new("timestamp", Scalar, "timestamp() :: INTEGER", "Returns the milliseconds since 1970-01-01T00:00Z, the same throughout a statement."),
        new("toBoolean", Scalar, "toBoolean(input :: STRING | INTEGER | BOOLEAN) :: BOOLEAN", "Converts a string, integer or boolean to a boolean."),
        new("toBooleanOrNull", Scalar, "toBooleanOrNull(input :: ANY) :: BOOLEAN", "Converts a value to a boolean, or null when it cannot."),
        new("toFloat", Scalar, "toFloat(input :: STRING | INTEGER | FLOAT) :: FLOAT", "Converts a string or number to a float."),
        new("toFloatOrNull", Scalar, "toFloatOrNull(input :: ANY) :: FLOAT", "Converts a value to a float, or null when it cannot."),
        new("toInteger", Scalar, "toInteger(input :: STRING | INTEGER | FLOAT | BOOLEAN) :: INTEGER", "Converts a string, number or boolean to an integer."),
        new("toIntegerOrNull", Scalar, "toIntegerOrNull(input :: ANY) :: INTEGER", "Converts a value to an integer, or null when it cannot."),
        new("type", Scalar, "type(input :: RELATIONSHIP) :: STRING", "Returns the type of a relationship."),
        new("isEmpty", Predicate, "isEmpty(input :: STRING | LIST<ANY> | MAP) :: BOOLEAN", "Returns whether a string, list or map is empty."),

        // strings
        new("left", StringCategory, "left(original :: STRING, length :: INTEGER) :: STRING", "Returns the first characters of a string."),
        new("ltrim", StringCategory, "ltrim(input :: STRING) :: STRING", "Returns a string without its leading whitespace."),
        new("replace", StringCategory, "replace(original :: STRING, search :: STRING, replace :: STRING) :: STRING", "Replaces every occurrence of a string in a string."),
        new("right", StringCategory, "right(original :: STRING, length :: INTEGER) :: STRING", "Returns the last characters of a string."),
        new("rtrim", StringCategory, "rtrim(input :: STRING) :: STRING", "Returns a string without its trailing whitespace."),
        new("split", StringCategory, "split(original :: STRING, splitDelimiter :: STRING) :: LIST<STRING>", "Splits a string at each occurrence of a delimiter."),
        new("substring", StringCategory, "substring(original :: STRING, start :: INTEGER, length :: INTEGER) :: STRING", "Returns part of a string, from a start index and for a length (to the end by default)."),
        new("toLower", StringCategory, "toLower(input :: STRING) :: STRING", "Returns a string in lower case."),
        new("toString", StringCategory, "toString(input :: ANY) :: STRING", "Converts a number, boolean, string or temporal value to a string."),
        new("toStringOrNull", StringCategory, "toStringOrNull(input :: ANY) :: STRING", "Converts a value to a string, or null when it cannot."),
        new("toUpper", StringCategory, "toUpper(input :: STRING) :: STRING", "Returns a string in upper case."),
        new("trim", StringCategory, "trim(input :: STRING) :: STRING", "Returns a string without leading and trailing whitespace."),

        // temporal (Temporal/ in Runtime; the statement clock without an argument, UTC by default)
        new("date", Temporal, "date(input = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: DATE", "Creates a date from a string, a map or another temporal value, or returns the current one."),
        new("date.realtime", Temporal, "date.realtime(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: DATE", "Returns the current DATE value by the real-time clock, in UTC or the given time zone."),
        new("date.statement", Temporal, "date.statement(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: DATE", "Returns the current DATE value by the statement clock, in UTC or the given time zone."),
        new("date.transaction", Temporal, "date.transaction(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: DATE", "Returns the current DATE value by the transaction clock, in UTC or the given time zone."),
        new("date.truncate", Temporal, "date.truncate(unit :: STRING, input = DEFAULT_TEMPORAL_ARGUMENT :: ANY, fields = null :: MAP) :: DATE", "Truncates a temporal value to a date at the start of the given unit, then sets the given components."),
        new("datetime", Temporal, "datetime(input = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED DATETIME", "Creates a zoned datetime from a string, a map or another temporal value, or returns the current one."),
        new("datetime.realtime", Temporal, "datetime.realtime(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED DATETIME", "Returns the current ZONED DATETIME value by the real-time clock, in UTC or the given time zone."),
        new("datetime.statement", Temporal, "datetime.statement(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED DATETIME", "Returns the current ZONED DATETIME value by the statement clock, in UTC or the given time zone."),
        new("datetime.transaction", Temporal, "datetime.transaction(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED DATETIME", "Returns the current ZONED DATETIME value by the transaction clock, in UTC or the given time zone."),
        new("datetime.truncate", Temporal, "datetime.truncate(unit :: STRING, input = DEFAULT_TEMPORAL_ARGUMENT :: ANY, fields = null :: MAP) :: ZONED DATETIME", "Truncates a temporal value to a zoned datetime at the start of the given unit, then sets the given components."),
        new("localdatetime", Temporal, "localdatetime(input = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL DATETIME", "Creates a local datetime from a string, a map or another temporal value, or returns the current one."),
        new("localdatetime.realtime", Temporal, "localdatetime.realtime(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL DATETIME", "Returns the current LOCAL DATETIME value by the real-time clock, in UTC or the given time zone."),
        new("localdatetime.statement", Temporal, "localdatetime.statement(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL DATETIME", "Returns the current LOCAL DATETIME value by the statement clock, in UTC or the given time zone."),
        new("localdatetime.transaction", Temporal, "localdatetime.transaction(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL DATETIME", "Returns the current LOCAL DATETIME value by the transaction clock, in UTC or the given time zone."),
        new("localdatetime.truncate", Temporal, "localdatetime.truncate(unit :: STRING, input = DEFAULT_TEMPORAL_ARGUMENT :: ANY, fields = null :: MAP) :: LOCAL DATETIME", "Truncates a temporal value to a local datetime at the start of the given unit, then sets the given components."),
        new("localtime", Temporal, "localtime(input = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL TIME", "Creates a local time from a string, a map or another temporal value, or returns the current one."),
        new("localtime.realtime", Temporal, "localtime.realtime(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL TIME", "Returns the current LOCAL TIME value by the real-time clock, in UTC or the given time zone."),
        new("localtime.statement", Temporal, "localtime.statement(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL TIME", "Returns the current LOCAL TIME value by the statement clock, in UTC or the given time zone."),
        new("localtime.transaction", Temporal, "localtime.transaction(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: LOCAL TIME", "Returns the current LOCAL TIME value by the transaction clock, in UTC or the given time zone."),
        new("localtime.truncate", Temporal, "localtime.truncate(unit :: STRING, input = DEFAULT_TEMPORAL_ARGUMENT :: ANY, fields = null :: MAP) :: LOCAL TIME", "Truncates a temporal value to a local time at the start of the given unit, then sets the given components."),
        new("time", Temporal, "time(input = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED TIME", "Creates a zoned time from a string, a map or another temporal value, or returns the current one."),
        new("time.realtime", Temporal, "time.realtime(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED TIME", "Returns the current ZONED TIME value by the real-time clock, in UTC or the given time zone."),
        new("time.statement", Temporal, "time.statement(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED TIME", "Returns the current ZONED TIME value by the statement clock, in UTC or the given time zone."),
        new("time.transaction", Temporal, "time.transaction(timezone = DEFAULT_TEMPORAL_ARGUMENT :: ANY) :: ZONED TIME", "Returns the current ZONED TIME value by the transaction clock, in UTC or the given time zone."),
        new("time.truncate", Temporal, "time.truncate(unit :: STRING, input = DEFAULT_TEMPORAL_ARGUMENT :: ANY, fields = null :: MAP) :: ZONED TIME", "Truncates a temporal value to a zoned time at the start of the given unit, then sets the given components."),
        new("datetime.fromepoch", Temporal, "datetime.fromepoch(seconds :: INTEGER | FLOAT, nanoseconds :: INTEGER | FLOAT) :: ZONED DATETIME", "Creates a zoned datetime (UTC) from seconds and nanoseconds since 1970-01-01T00:00Z."),
        new("datetime.fromepochmillis", Temporal, "datetime.fromepochmillis(milliseconds :: INTEGER | FLOAT) :: ZONED DATETIME", "Creates a zoned datetime (UTC) from milliseconds since 1970-01-01T00:00Z."),
        new("duration", Temporal, "duration(input :: ANY) :: DURATION", "Creates a duration from a map of components or an ISO-8601 string."),
        new("duration.between", Temporal, "duration.between(from :: ANY, to :: ANY) :: DURATION", "Returns the duration between two temporal instants in months, days, seconds and nanoseconds."),
        new("duration.inDays", Temporal, "duration.inDays(from :: ANY, to :: ANY) :: DURATION", "Returns the duration between two temporal instants in whole days."),
        new("duration.inMonths", Temporal, "duration.inMonths(from :: ANY, to :: ANY) :: DURATION", "Returns the duration between two temporal instants in whole months."),
        new("duration.inSeconds", Temporal, "duration.inSeconds(from :: ANY, to :: ANY) :: DURATION", "Returns the duration between two temporal instants in seconds and nanoseconds."),
    }.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
}
