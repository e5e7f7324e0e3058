using System.Globalization;
using Graph.Engine.Cypher.Semantics;
using Graph.Engine.Runtime;

namespace Graph.Engine.Procedures;

/// <summary>
/// The declared type of a procedure input or output, as Neo4j 5 prints it in signatures ("STRING", "LIST&lt;STRING&gt;").
/// Every type admits null. <see cref="Parse"/> also reads Neo4j 4's notation ("STRING?", "LIST? OF STRING?"), which
/// the openCypher TCK uses.
/// </summary>
public sealed record ProcedureType(ProcedureTypeKind Kind, ProcedureType? Element = null)
{
    public static readonly ProcedureType Any = new(ProcedureTypeKind.Any);
    public static readonly ProcedureType Boolean = new(ProcedureTypeKind.Boolean);
    public static readonly ProcedureType Integer = new(ProcedureTypeKind.Integer);
    public static readonly ProcedureType Float = new(ProcedureTypeKind.Float);
    public static readonly ProcedureType Number = new(ProcedureTypeKind.Number);
    public static readonly ProcedureType String = new(ProcedureTypeKind.String);
    public static readonly ProcedureType Map = new(ProcedureTypeKind.Map);
    public static readonly ProcedureType Node = new(ProcedureTypeKind.Node);
    public static readonly ProcedureType Relationship = new(ProcedureTypeKind.Relationship);
    public static readonly ProcedureType Path = new(ProcedureTypeKind.Path);

    public static ProcedureType ListOf(ProcedureType element) => new(ProcedureTypeKind.List, element);

    public override string ToString() => Kind switch
    {
        ProcedureTypeKind.List => $"LIST<{Element ?? Any}>",
        _ => Kind.ToString().ToUpperInvariant(),
    };

    /// <summary>Reads "STRING", "STRING?", "LIST&lt;STRING&gt;", "LIST? OF STRING?", "INT", ...; throws <see cref="FormatException"/>.</summary>
    public static ProcedureType Parse(string text)
    {
        var t = text.Trim();
        if (t.EndsWith('?')) t = t[..^1].TrimEnd();
        var upper = t.ToUpperInvariant();
        if (upper.StartsWith("LIST", StringComparison.Ordinal))
        {
            var rest = t[4..].TrimStart();
            if (rest.StartsWith('?')) rest = rest[1..].TrimStart();
            if (rest.Length == 0) return ListOf(Any);
            if (rest.StartsWith('<') && rest.EndsWith('>')) return ListOf(Parse(rest[1..^1]));
            if (rest.StartsWith("OF ", StringComparison.OrdinalIgnoreCase)) return ListOf(Parse(rest[3..]));
            throw new FormatException($"'{text}' is not a procedure type: write LIST<TYPE>.");
        }
        return upper switch
        {
            "ANY" => Any,
            "BOOLEAN" or "BOOL" => Boolean,
            "INTEGER" or "INT" => Integer,
            "FLOAT" => Float,
            "NUMBER" => Number,
            "STRING" => String,
            "MAP" => Map,
            "NODE" => Node,
            "RELATIONSHIP" => Relationship,
            "PATH" => Path,
            _ => throw new FormatException(
                $"'{text}' is not a procedure type (ANY, BOOLEAN, INTEGER, FLOAT, NUMBER, STRING, MAP, NODE, RELATIONSHIP, PATH or LIST<...>)."),
        };
    }

    /// <summary>What the semantic analysis knows of a value of this type.</summary>
    internal CypherType ToCypherType() => Kind switch
    {
        ProcedureTypeKind.Boolean => CypherType.Boolean,
        ProcedureTypeKind.Integer => CypherType.Integer,
        ProcedureTypeKind.Float => CypherType.Float,
        ProcedureTypeKind.String => CypherType.String,
        ProcedureTypeKind.Map => CypherType.Map,
        ProcedureTypeKind.Node => CypherType.Node,
        ProcedureTypeKind.Relationship => CypherType.Relationship,
        ProcedureTypeKind.Path => CypherType.Path,
        ProcedureTypeKind.List => CypherType.ListOf((Element ?? Any).ToCypherType()),
        _ => CypherType.Any,
    };

    /// <summary>False only when a value of the static type <paramref name="type"/> can never be passed as this type.</summary>
    internal bool Accepts(CypherType type)
    {
        if (!type.IsKnown || Kind == ProcedureTypeKind.Any) return true;
        return Kind switch
        {
            ProcedureTypeKind.Boolean => type.Kind == TypeKind.Boolean,
            ProcedureTypeKind.Integer => type.Kind == TypeKind.Integer,
            ProcedureTypeKind.Float or ProcedureTypeKind.Number => type.IsNumber,
            ProcedureTypeKind.String => type.Kind == TypeKind.String,
            ProcedureTypeKind.Map => type.Kind == TypeKind.Map,
            ProcedureTypeKind.Node => type.Kind == TypeKind.Node,
            ProcedureTypeKind.Relationship => type.Kind == TypeKind.Relationship,
            ProcedureTypeKind.Path => type.Kind == TypeKind.Path,
            ProcedureTypeKind.List => type.Kind == TypeKind.List && (type.Element is null || (Element ?? Any).Accepts(type.Element)),
            _ => true,
        };
    }

    /// <summary>
    /// The runtime value passed as this type: an INTEGER becomes a FLOAT where a FLOAT is declared (as Neo4j coerces);
    /// a value of another type is a TypeError naming the procedure and the argument.
    /// </summary>
    public object? Coerce(object? value, string procedure, string argument)
    {
        if (value is null) return null;
        if (Kind == ProcedureTypeKind.Float && value is long l) return (double)l;
        if (Matches(value)) return value;
        throw new Graph.Client.ClientException(Graph.Client.Neo4jStatus.ProcedureTypeError,
            $"Type mismatch for argument `{argument}` of procedure `{procedure}`: expected {this} but was {CypherValues.TypeName(value)} ({CypherValues.Describe(value)}).")
        { Phase = Graph.Client.ErrorPhase.Runtime, Detail = "InvalidArgumentType" };
    }

    private bool Matches(object value) => Kind switch
    {
        ProcedureTypeKind.Any => true,
        ProcedureTypeKind.Boolean => value is bool,
        ProcedureTypeKind.Integer => value is long,
        ProcedureTypeKind.Float => value is double,
        ProcedureTypeKind.Number => value is long or double,
        ProcedureTypeKind.String => value is string,
        ProcedureTypeKind.Map => value is IReadOnlyDictionary<string, object?>,
        ProcedureTypeKind.Node => value is NodeValue or Graph.Client.Node,
        ProcedureTypeKind.Relationship => value is RelValue or Graph.Client.Relationship,
        ProcedureTypeKind.Path => value is PathValue,
        ProcedureTypeKind.List => value is IReadOnlyList<object?> list && list.All(x => x is null || (Element ?? Any).Matches(x)),
        _ => false,
    };

    /// <summary>A default value as written in a signature ("read", "10", "null", "true").</summary>
    internal static object? ParseDefault(string text)
    {
        var t = text.Trim();
        if (t.Equals("null", StringComparison.OrdinalIgnoreCase)) return null;
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (t.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return t.Length >= 2 && t[0] is '\'' or '"' && t[^1] == t[0] ? t[1..^1] : t;
    }
}
