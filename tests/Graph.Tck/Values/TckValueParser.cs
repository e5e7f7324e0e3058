using System.Globalization;
using System.Text;
using Graph.Client;
using ClientPath = Graph.Client.GraphPath;

namespace Graph.Tck.Values;

/// <summary>A TCK value that cannot be parsed; the message names the column and what was expected.</summary>
public sealed class TckValueFormatException(string message) : Exception(message);

/// <summary>
/// Parses the TCK's value notation into the client contract's value model, so that expected and actual
/// values share one representation: null, true/false, integers (long), floats (double, incl. 1e10, .5,
/// NaN, Inf, -Inf), 'strings' with escapes, [lists], {maps}, (:Nodes {k: v}), [:RELATIONSHIPS {k: v}]
/// and &lt;paths&gt;. Nodes and relationships get synthetic element ids ("expected-n1") that only encode
/// a path's structure; the comparer never compares them with actual ids.
/// </summary>
public sealed class TckValueParser
{
    private readonly string _text;
    private int _pos;
    private int _nextId;

    private TckValueParser(string text) => _text = text;

    public static object? Parse(string text)
    {
        var parser = new TckValueParser(text);
        parser.SkipSpace();
        var value = parser.ParseValue();
        parser.SkipSpace();
        if (!parser.AtEnd) throw parser.Error("end of value");
        return value;
    }

    private bool AtEnd => _pos >= _text.Length;
    private char Current => AtEnd ? '\0' : _text[_pos];

    private TckValueFormatException Error(string expected) =>
        new($"Cannot parse TCK value `{_text}`: expected {expected} at column {_pos + 1}" +
            (AtEnd ? " (end of text)." : $" but found '{Current}'."));

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current)) _pos++;
    }

    private bool TryConsume(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
        _pos += token.Length;
        return true;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Current != c) throw Error($"'{c}'");
        _pos++;
    }

    private object? ParseValue()
    {
        SkipSpace();
        switch (Current)
        {
            case '\'' or '"': return ParseString();
            case '{': return ParseMap();
            case '(': return ParseNode();
            case '<': return ParsePath();
            case '[':
                return PeekAfterBracketIsColon() ? ParseRelationship() : ParseList();
        }
        if (TryKeyword("null")) return null;
        if (TryKeyword("true")) return true;
        if (TryKeyword("false")) return false;
        if (TryKeyword("NaN")) return double.NaN;
        if (TryKeyword("Infinity") || TryKeyword("Inf")) return double.PositiveInfinity;
        if (Current == '-' && (Match("-Infinity") || Match("-Inf")))
        {
            _pos++;
            TryKeyword("Infinity");
            TryKeyword("Inf");
            return double.NegativeInfinity;
        }
        if (char.IsAsciiDigit(Current) || Current is '-' or '+' or '.') return ParseNumber();
        throw Error("a value");
    }

    private bool Match(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    /// <summary>Consumes a keyword only when it is not the start of a longer word.</summary>
    private bool TryKeyword(string word)
    {
        if (!Match(word)) return false;
        var end = _pos + word.Length;
        if (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        _pos = end;
        return true;
    }

    private bool PeekAfterBracketIsColon()
    {
        var i = _pos + 1;
        while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
        return i < _text.Length && _text[i] == ':';
    }

    private object ParseNumber()
    {
        var start = _pos;
        if (Current is '-' or '+') _pos++;
        var isFloat = false;
        if (Match("0x") || Match("0X"))
        {
            _pos += 2;
            var hexStart = _pos;
            while (char.IsAsciiHexDigit(Current)) _pos++;
            var magnitude = long.Parse(_text.AsSpan(hexStart, _pos - hexStart), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return _text[start] == '-' ? -magnitude : magnitude;
        }
        var digits = 0;
        while (char.IsAsciiDigit(Current)) { _pos++; digits++; }
        if (Current == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]))
        {
            isFloat = true;
            _pos++;
            while (char.IsAsciiDigit(Current)) { _pos++; digits++; }
        }
        if (digits == 0) throw Error("a number");
        if (Current is 'e' or 'E')
        {
            isFloat = true;
            _pos++;
            if (Current is '-' or '+') _pos++;
            if (!char.IsAsciiDigit(Current)) throw Error("an exponent");
            while (char.IsAsciiDigit(Current)) _pos++;
        }
        var span = _text.AsSpan(start, _pos - start);
        if (isFloat) return double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        throw new TckValueFormatException($"Cannot parse TCK value `{_text}`: integer {span} does not fit in 64 bits.");
    }

    private string ParseString()
    {
        var quote = Current;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd) throw Error($"closing {quote}");
            var c = Current;
            _pos++;
            if (c == quote) return sb.ToString();
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (AtEnd) throw Error("an escaped character");
            var e = Current;
            _pos++;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case '\\' or '\'' or '"': sb.Append(e); break;
                case 'u' when _pos + 4 <= _text.Length:
                    sb.Append((char)int.Parse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    _pos += 4;
                    break;
                default: sb.Append('\\').Append(e); break;
            }
        }
    }

    private List<object?> ParseList()
    {
        Expect('[');
        var items = new List<object?>();
        SkipSpace();
        if (Current == ']') { _pos++; return items; }
        while (true)
        {
            items.Add(ParseValue());
            SkipSpace();
            if (Current == ',') { _pos++; continue; }
            Expect(']');
            return items;
        }
    }

    private Dictionary<string, object?> ParseMap()
    {
        Expect('{');
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        SkipSpace();
        if (Current == '}') { _pos++; return map; }
        while (true)
        {
            SkipSpace();
            var key = ParseName("a map key");
            Expect(':');
            if (!map.TryAdd(key, ParseValue()))
                throw new TckValueFormatException($"Cannot parse TCK value `{_text}`: key '{key}' appears twice.");
            SkipSpace();
            if (Current == ',') { _pos++; continue; }
            Expect('}');
            return map;
        }
    }

    /// <summary>An identifier, a `backticked` name or a quoted string (map keys, labels, types).</summary>
    private string ParseName(string what)
    {
        SkipSpace();
        if (Current is '\'' or '"') return ParseString();
        if (Current == '`')
        {
            var end = _text.IndexOf('`', _pos + 1);
            if (end < 0) throw Error("closing `");
            var name = _text[(_pos + 1)..end];
            _pos = end + 1;
            return name;
        }
        var start = _pos;
        while (!AtEnd && (char.IsLetterOrDigit(Current) || Current is '_' or '$')) _pos++;
        if (_pos == start) throw Error(what);
        return _text[start.._pos];
    }

    private Node ParseNode()
    {
        Expect('(');
        var labels = new List<string>();
        SkipSpace();
        while (Current == ':')
        {
            _pos++;
            labels.Add(ParseName("a label"));
            SkipSpace();
        }
        var properties = Current == '{' ? ParseMap() : new Dictionary<string, object?>();
        Expect(')');
        return new Node($"expected-n{++_nextId}", labels, properties);
    }

    /// <summary>A relationship on its own; inside a path the caller rewires its end points.</summary>
    private (string Type, Dictionary<string, object?> Properties) ParseRelationshipParts()
    {
        Expect('[');
        Expect(':');
        var type = ParseName("a relationship type");
        SkipSpace();
        var properties = Current == '{' ? ParseMap() : new Dictionary<string, object?>();
        Expect(']');
        return (type, properties);
    }

    private Relationship ParseRelationship()
    {
        var (type, properties) = ParseRelationshipParts();
        return new Relationship($"expected-r{++_nextId}", type, "", "", properties);
    }

    private ClientPath ParsePath()
    {
        Expect('<');
        var nodes = new List<Node> { ParseNode() };
        var relationships = new List<Relationship>();
        while (true)
        {
            SkipSpace();
            if (Current == '>') { _pos++; return new ClientPath(nodes, relationships); }
            bool forward;
            if (TryConsume("<-")) forward = false;
            else if (TryConsume("-")) forward = true;
            else throw Error("'-', '<-' or '>'");
            SkipSpace();
            var (type, properties) = ParseRelationshipParts();
            SkipSpace();
            if (forward && !TryConsume("->")) throw Error("'->'");
            if (!forward && !TryConsume("-")) throw Error("'-'");
            var previous = nodes[^1];
            var next = ParseNode();
            var (start, end) = forward ? (previous, next) : (next, previous);
            relationships.Add(new Relationship($"expected-r{++_nextId}", type, start.ElementId, end.ElementId, properties));
            nodes.Add(next);
        }
    }
}
