using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// Checks a JSON body before it is parsed: it must be valid UTF-8, and no string may hold an escaped lone UTF-16
/// surrogate (<c>"\ud800"</c>), which .NET strings could carry but no store or client can round-trip. Both are
/// refused with Neo.ClientError.Request.Invalid, naming the byte offset and the JSON path.
/// </summary>
public static class JsonText
{
    public static void Check(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            var offset = FirstInvalidByte(utf8);
            throw new WireFormatException(
                $"The request body is not valid UTF-8: byte {offset} (0x{utf8[offset]:X2}) does not continue a UTF-8 sequence. Send the body encoded as UTF-8.",
                Neo4jStatus.InvalidRequest);
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var path = new List<string>();
        var arrayIndex = new List<int>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        CheckString(ref reader, path, arrayIndex);
                        SetLast(path, arrayIndex, "." + reader.GetString());
                        continue;
                    case JsonTokenType.String:
                        CheckString(ref reader, path, arrayIndex);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Add("");
                        arrayIndex.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        arrayIndex.RemoveAt(arrayIndex.Count - 1);
                        break;
                }
                // A value ended: the next one in an array has the next index.
                if (arrayIndex.Count > 0 && arrayIndex[^1] >= 0) arrayIndex[^1]++;
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the parser that follows, with its own position.
        }
    }

    private static void CheckString(ref Utf8JsonReader reader, List<string> path, List<int> arrayIndex)
    {
        if (!reader.ValueIsEscaped) return;
        try
        {
            reader.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new WireFormatException(
                $"The request body holds a lone UTF-16 surrogate escape (such as \\ud800 without its pair) in a string at byte {reader.TokenStartIndex} " +
                $"(at {Describe(path, arrayIndex)}): such text is not valid Unicode. Escape a character outside the BMP as a surrogate pair, or send it as UTF-8.",
                Neo4jStatus.InvalidRequest);
        }
    }

    private static void SetLast(List<string> path, List<int> arrayIndex, string segment)
    {
        if (path.Count > 0 && arrayIndex[^1] < 0) path[^1] = segment;
    }

    private static string Describe(List<string> path, List<int> arrayIndex)
    {
        var text = new StringBuilder("$");
        for (var i = 0; i < path.Count; i++)
            text.Append(arrayIndex[i] >= 0 ? $"[{arrayIndex[i]}]" : path[i]);
        return text.ToString();
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return Math.Max(0, utf8.Length - 1);
    }
}
