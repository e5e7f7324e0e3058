using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Graph.Core.Editing;

/// <summary>
/// Edits a stances file (stances.yaml or codings/&lt;coder&gt;.yaml) as text, so that everything else in it — comments
/// with curation decisions, the order and layout of the other entries — stays exactly as it was: an entry is
/// appended after the last one, replaced or removed by its lines. The caller re-reads the result and checks that it
/// says what the edit meant before saving it.
/// </summary>
public static class StanceFileEditor
{
    /// <summary>The file with <paramref name="draft"/> appended as the last entry.</summary>
    public static string Append(string? text, StanceDraft draft) => AppendEntry(text, "stances", indent => Format(draft, indent));

    /// <summary>The file with entry <paramref name="index"/> replaced by <paramref name="draft"/>, or removed when it is null.</summary>
    public static string Replace(string text, int index, StanceDraft? draft) =>
        ReplaceEntry(text, "stances", index, draft is null ? null : indent => Format(draft, indent));

    /// <summary>A file holding '<paramref name="key"/>:' and a block list, with one entry (formatted at an indent) appended.</summary>
    internal static string AppendEntry(string? text, string key, Func<int, string> format)
    {
        if (string.IsNullOrWhiteSpace(text)) return key + ":\n" + format(2);
        var lines = Lines(text);
        var (sequence, _) = Sequence(text, key);
        if (sequence is null || sequence.Children.Count == 0)
        {
            // `key:` with no entries (or `key: []`): keep everything up to the key, then the entry.
            var keyLine = lines.FindIndex(l => l.TrimEnd().StartsWith(key + ":", StringComparison.Ordinal));
            if (keyLine < 0) throw new InvalidOperationException($"the file has no '{key}:' key; it must hold '{key}:' followed by a list");
            lines[keyLine] = key + ":\n";
            return string.Concat(lines) + format(2);
        }
        var indent = Indent(sequence);
        var last = Range(lines, sequence, sequence.Children.Count - 1);
        lines.Insert(last.End, format(indent));
        EnsureNewline(lines, last.End - 1);
        return string.Concat(lines);
    }

    /// <summary>The file with entry <paramref name="index"/> of '<paramref name="key"/>:' replaced, or removed when <paramref name="format"/> is null.</summary>
    internal static string ReplaceEntry(string text, string key, int index, Func<int, string>? format)
    {
        var lines = Lines(text);
        var (sequence, _) = Sequence(text, key);
        if (sequence is null || index < 0 || index >= sequence.Children.Count)
            throw new InvalidOperationException($"the file has no entry {index}");
        var range = Range(lines, sequence, index);
        var indent = Indent(sequence);
        lines.RemoveRange(range.Start, range.End - range.Start);
        if (format is not null) lines.Insert(range.Start, format(indent));
        else if (sequence.Children.Count == 1)
        {
            // The last entry goes: an empty list must still be a list.
            var keyLine = lines.FindIndex(l => l.TrimEnd() == key + ":");
            if (keyLine >= 0) lines[keyLine] = key + ": []\n";
        }
        return string.Concat(lines);
    }

    /// <summary>One entry in the layout `graph` writes: fields in a fixed order, text double-quoted.</summary>
    public static string Format(StanceDraft d, int indent)
    {
        var pad = new string(' ', indent);
        var text = new StringBuilder();
        text.Append(pad).Append("- expert: ").Append(d.Expert).Append('\n');
        void Field(string key, string value) => text.Append(pad).Append("  ").Append(key).Append(": ").Append(value).Append('\n');
        Field("claim", d.Claim);
        Field("stance", d.Kind == Model.StanceKind.Endorses ? "endorses" : "criticizes");
        Field("coder", d.Coder);
        Field("section", Quote(d.Section));
        if (d.Session is not null) Field("session", d.Session);
        if (d.Confidence is { } c) Field("confidence", c.ToString("R", CultureInfo.InvariantCulture));
        if (d.Note is not null) Field("note", Quote(d.Note));
        Field("quote", Quote(d.Quote));
        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        return text.Append('"').ToString();
    }

    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static void EnsureNewline(List<string> lines, int index)
    {
        if (index >= 0 && index < lines.Count && !lines[index].EndsWith('\n')) lines[index] += "\n";
    }

    private static (YamlSequenceNode? Sequence, YamlMappingNode Root) Sequence(string text, string key)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidOperationException($"the file does not hold a mapping with '{key}:'");
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var value)) return (null, root);
        if (value is YamlSequenceNode { Style: SequenceStyle.Flow, Children.Count: > 0 })
            throw new InvalidOperationException($"the {key} are written as one [...] list; write them as a block list (one '- ...' entry per line group) so that entries can be edited");
        return (value as YamlSequenceNode, root);
    }

    /// <summary>Spaces before an entry's '-': its mapping starts two columns after the dash.</summary>
    private static int Indent(YamlSequenceNode sequence) => Math.Max(0, (int)sequence.Children[0].Start.Column - 3);

    /// <summary>
    /// The lines (0-based, end exclusive) of entry <paramref name="index"/>: from its first line to the next entry's,
    /// less the comment and blank lines just before the next entry (they introduce it).
    /// </summary>
    private static (int Start, int End) Range(List<string> lines, YamlSequenceNode sequence, int index)
    {
        var start = (int)sequence.Children[index].Start.Line - 1;
        var end = index + 1 < sequence.Children.Count ? (int)sequence.Children[index + 1].Start.Line - 1 : lines.Count;
        while (end - 1 > start && (lines[end - 1].Trim().Length == 0 || lines[end - 1].TrimStart().StartsWith('#'))) end--;
        return (start, end);
    }
}
