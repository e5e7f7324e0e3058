using System.Globalization;
using Graph.Core.Diagnostics;
using Graph.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Graph.Core.Reading;

/// <summary>
/// Typed access to the fields of one YAML mapping (one entity). Every read reports problems with the file, the
/// line and column of the offending value and the field path (<c>experts[3].affiliations[0].institution</c>), and
/// returns null so that reading can go on and report everything at once.
/// </summary>
internal sealed class YamlFieldReader
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;

    public YamlFieldReader(YamlMappingNode node, string prefix, string file, DiagnosticBag diagnostics)
    {
        _node = node;
        Prefix = prefix;
        _file = file;
        _diagnostics = diagnostics;
    }

    public string Prefix { get; }
    public SourceLocation Location => At(_node);
    public string File => _file;
    public DiagnosticBag Diagnostics => _diagnostics;

    public string FieldPath(string key) => Prefix.Length == 0 ? key : $"{Prefix}.{key}";

    public SourceLocation At(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    public SourceLocation LocationOf(string key) => Find(key) is { } value ? At(value) : Location;

    public void Error(YamlNode node, string field, string message) => _diagnostics.Error(At(node), field, message);

    /// <summary>The value of a key, or null when the key is missing or its value is null (~, null, empty).</summary>
    public YamlNode? Find(string key)
    {
        foreach (var (k, v) in _node.Children)
            if (k is YamlScalarNode { Value: { } name } && name == key)
                return IsNull(v) ? null : v;
        return null;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Reports every key that is not in <paramref name="known"/>, suggesting the closest known one.</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (known.Contains(name)) continue;
            Error(key, FieldPath(name),
                $"unknown field '{name}'{Suggestions.DidYouMean(name, known)}; the fields allowed here are {string.Join(", ", known)}");
        }
    }

    public string? String(string key, bool required)
    {
        var value = Find(key);
        if (value is null)
        {
            if (required) Missing(key, "a text value");
            return null;
        }
        if (value is YamlScalarNode scalar)
        {
            var text = scalar.Value ?? "";
            if (text.Trim().Length == 0)
            {
                if (required) Error(value, FieldPath(key), $"'{key}' is empty; write a text value");
                return null;
            }
            return text;
        }
        WrongType(value, key, "a text value");
        return null;
    }

    /// <summary>A calendar date written yyyy-MM-dd (ISO 8601); the store loads it as a Cypher DATE.</summary>
    public string? Date(string key, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Error(Find(key)!, FieldPath(key), $"'{text}' is not a date; write it as yyyy-MM-dd (2013-07-10)");
        return null;
    }

    public long? Integer(string key, bool required)
    {
        var value = Find(key);
        if (value is null)
        {
            if (required) Missing(key, "a whole number");
            return null;
        }
        if (value is YamlScalarNode { Value: { } text } && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            return number;
        WrongType(value, key, "a whole number");
        return null;
    }

    public double? Number(string key)
    {
        var value = Find(key);
        if (value is null) return null;
        if (value is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
            return number;
        WrongType(value, key, "a number");
        return null;
    }

    public string? Enum(string key, IReadOnlyList<string> allowed, bool required)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (allowed.Contains(text)) return text;
        Error(Find(key)!, FieldPath(key),
            $"'{text}' is not allowed{Suggestions.DidYouMean(text, allowed)}; use one of {string.Join(", ", allowed)}");
        return null;
    }

    public EntityReference? Reference(string key, bool required)
    {
        var id = String(key, required);
        return id is null ? null : new EntityReference(id, FieldPath(key), LocationOf(key));
    }

    /// <summary>A list of text values; each item may be checked against <paramref name="allowed"/>.</summary>
    public List<(string Value, string Field, SourceLocation Location)> StringList(string key, bool required, IReadOnlyList<string>? allowed = null)
    {
        var items = new List<(string, string, SourceLocation)>();
        if (Sequence(key, required, "a list", "a list such as [a, b]") is not { } sequence) return items;
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var field = $"{FieldPath(key)}[{index++}]";
            if (item is not YamlScalarNode { Value: { } text } || IsNull(item))
            {
                Error(item, field, $"expected a text value but found {Describe(item)}");
                continue;
            }
            if (allowed is not null && !allowed.Contains(text))
            {
                Error(item, field, $"'{text}' is not allowed{Suggestions.DidYouMean(text, allowed)}; use one of {string.Join(", ", allowed)}");
                continue;
            }
            items.Add((text, field, At(item)));
        }
        if (required && sequence.Children.Count == 0)
            Error(sequence, FieldPath(key), $"'{key}' is empty; list at least one value");
        return items;
    }

    /// <summary>The sequence under <paramref name="key"/>; null (after reporting why, when it matters) if absent or not a list.</summary>
    private YamlSequenceNode? Sequence(string key, bool required, string missing, string expected)
    {
        var value = Find(key);
        if (value is null)
        {
            if (required) Missing(key, missing);
            return null;
        }
        if (value is YamlSequenceNode sequence) return sequence;
        WrongType(value, key, expected);
        return null;
    }

    public List<EntityReference> ReferenceList(string key) =>
        StringList(key, required: false).Select(i => new EntityReference(i.Value, i.Field, i.Location)).ToList();

    /// <summary>A list of mappings, each read by <paramref name="read"/> (which returns null for an unusable item).</summary>
    public List<T> MappingList<T>(string key, bool required, Func<YamlFieldReader, T?> read) where T : class
    {
        var items = new List<T>();
        if (Sequence(key, required, "a list of mappings", "a list of mappings (lines starting with '- ')") is not { } sequence) return items;
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var field = $"{FieldPath(key)}[{index++}]";
            if (item is not YamlMappingNode mapping)
            {
                Error(item, field, $"expected a mapping (key: value pairs) but found {Describe(item)}");
                continue;
            }
            if (read(new YamlFieldReader(mapping, field, _file, _diagnostics)) is { } result) items.Add(result);
        }
        if (required && sequence.Children.Count == 0)
            Error(sequence, FieldPath(key), $"'{key}' is empty; list at least one entry");
        return items;
    }

    private void Missing(string key, string what) =>
        _diagnostics.Error(Location, FieldPath(key), $"missing required field '{key}'; add {what} for '{key}' to this entry");

    private void WrongType(YamlNode value, string key, string expected) =>
        Error(value, FieldPath(key), $"expected {expected} but found {Describe(value)}");

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s => $"'{Shorten(s.Value ?? "")}'",
        _ => "an alias",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
