using System.Globalization;

namespace Graph.Engine.Import;

/// <summary>One property column of a file: its name, type and position.</summary>
internal sealed record ImportColumn(string Name, ImportValueType Type, int Index, int Key)
{
    public ValueCache Cache { get; } = new();
}

/// <summary>
/// A file's header row: <c>name</c> or <c>name:type</c> per column (types string, int/long, float/double, boolean, as in
/// neo4j-admin import). Node files must have an <c>id</c> column, relationship files <c>from</c> and <c>to</c>.
/// </summary>
internal sealed class ImportHeader
{
    public required int FieldCount { get; init; }
    /// <summary>Position of <c>id</c> (nodes) or -1.</summary>
    public int Id { get; init; } = -1;
    public ImportValueType IdType { get; init; }
    public int From { get; init; } = -1;
    public int To { get; init; } = -1;
    /// <summary>Property columns in file order (the node key <c>id</c> included).</summary>
    public required ImportColumn[] Properties { get; init; }

    public static ImportHeader Read(CsvRowReader reader, bool relationship, Func<string, int> propertyKey, IReadOnlyDictionary<string, ImportValueType>? columnTypes)
    {
        if (!reader.Read())
            throw new ImportException($"{reader.Path}:1: the file is empty. Its first line must be a header, e.g. " +
                                      (relationship ? "from,to,weight:int" : "id,name,age:int") + ".");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<ImportColumn>();
        int id = -1, from = -1, to = -1;
        var idType = ImportValueType.String;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var text = reader.Field(i).Trim().ToString();
            var colon = text.LastIndexOf(':');
            var name = colon > 0 ? text[..colon] : text;
            var type = colon > 0 ? ParseType(text[(colon + 1)..], reader, text)
                : columnTypes is not null && columnTypes.TryGetValue(name, out var given) ? given : ImportValueType.String;
            if (name.Length == 0)
                throw new ImportException($"{reader.Where}: column {i + 1} of the header has no name. Give every column a name (name or name:type).");
            if (!names.Add(name))
                throw new ImportException($"{reader.Where}: the header names column '{name}' twice. Rename or remove one of them.");
            if (relationship && name == "from") { from = i; continue; }
            if (relationship && name == "to") { to = i; continue; }
            if (!relationship && name == "id") { id = i; idType = type; }
            if (type == ImportValueType.Boolean && name == "id" && !relationship)
                throw new ImportException($"{reader.Where}: the id column cannot be boolean. Use id (string) or id:int.");
            properties.Add(new ImportColumn(name, type, i, propertyKey(name)));
        }
        if (relationship && (from < 0 || to < 0))
            throw new ImportException($"{reader.Where}: a relationship file needs the columns 'from' and 'to' (the ids of the start and end nodes); the header has {string.Join(", ", names)}.");
        if (!relationship && id < 0)
            throw new ImportException($"{reader.Where}: a node file needs an 'id' column (the key of each node, unique per label); the header has {string.Join(", ", names)}.");
        if (!relationship && idType == ImportValueType.Float)
            throw new ImportException($"{reader.Where}: the id column cannot be a float. Use id (string) or id:int.");
        return new ImportHeader { FieldCount = reader.FieldCount, Id = id, IdType = idType, From = from, To = to, Properties = properties.ToArray() };
    }

    private static ImportValueType ParseType(string type, CsvRowReader reader, string column) => type.Trim().ToLowerInvariant() switch
    {
        "string" or "" => ImportValueType.String,
        "int" or "long" or "integer" => ImportValueType.Int,
        "float" or "double" => ImportValueType.Float,
        "boolean" or "bool" => ImportValueType.Boolean,
        _ => throw new ImportException($"{reader.Where}: column '{column}' has the unknown type '{type}'. Use string, int, float or boolean (e.g. weight:int)."),
    };

    /// <summary>The stored value of a field, or null when it is empty (no property). Repeated values are shared.</summary>
    public static object? Parse(ReadOnlySpan<char> field, ImportColumn column, CsvRowReader reader)
    {
        if (field.IsEmpty) return null;
        if (column.Cache.TryGet(field, out var cached)) return cached;
        var value = ParseNew(field, column, reader);
        column.Cache.Add(field, value);
        return value;
    }

    private static object ParseNew(ReadOnlySpan<char> field, ImportColumn column, CsvRowReader reader)
    {
        switch (column.Type)
        {
            case ImportValueType.String:
                return field.ToString();
            case ImportValueType.Int:
                if (long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
                break;
            case ImportValueType.Float:
                if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                break;
            case ImportValueType.Boolean:
                if (field.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
                if (field.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
                break;
        }
        var expected = column.Type switch { ImportValueType.Int => "a whole number like 42", ImportValueType.Float => "a number like 0.5", _ => "true or false" };
        throw new ImportException($"{reader.Where}: '{field}' in column '{column.Name}' is not {TypeName(column.Type)}. Write {expected}, leave the field empty for no property, " +
                                  $"or declare the column as a string in the header ({column.Name}:string).");
    }

    public static string TypeName(ImportValueType type) => type switch
    {
        ImportValueType.Int => "an int", ImportValueType.Float => "a float", ImportValueType.Boolean => "a boolean", _ => "a string",
    };
}
