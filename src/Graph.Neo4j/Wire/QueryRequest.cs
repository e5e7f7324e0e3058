using System.Globalization;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// The body of a Query API request (<c>POST /db/{db}/query/v2</c> and the <c>/tx</c> routes):
/// <c>{statement, parameters, includeCounters, bookmarks, accessMode, maxExecutionTime, txMetadata, impersonatedUser}</c>.
/// The transaction routes accept a body without a statement (begin, keep-alive, commit).
/// </summary>
public sealed record QueryRequest
{
    public string? Statement { get; init; }
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();
    public bool IncludeCounters { get; init; }
    public IReadOnlyList<string> Bookmarks { get; init; } = [];
    /// <summary>Null when the request did not say (the server's default is Write).</summary>
    public AccessMode? AccessMode { get; init; }
    /// <summary>Transaction timeout in seconds (Neo4j 2026.04+ reads it; older servers do not get it unless set).</summary>
    public double? MaxExecutionTimeSeconds { get; init; }
    public IReadOnlyDictionary<string, object?> TxMetadata { get; init; } = new Dictionary<string, object?>();
    public string? ImpersonatedUser { get; init; }

    public void WriteTo(Utf8JsonWriter writer, bool typed)
    {
        writer.WriteStartObject();
        if (Statement is not null) writer.WriteString("statement", Statement);
        if (Parameters.Count > 0)
        {
            writer.WritePropertyName("parameters");
            if (typed) TypedJson.WriteMap(writer, Parameters);
            else PlainJsonWriter.WriteMap(writer, Parameters);
        }
        if (IncludeCounters) writer.WriteBoolean("includeCounters", true);
        if (Bookmarks.Count > 0)
        {
            writer.WriteStartArray("bookmarks");
            foreach (var bookmark in Bookmarks) writer.WriteStringValue(bookmark);
            writer.WriteEndArray();
        }
        if (AccessMode is { } mode) writer.WriteString("accessMode", mode == Client.AccessMode.Read ? "Read" : "Write");
        // Only sent when asked for: servers older than 2026.04 do not know these keys.
        if (MaxExecutionTimeSeconds is { } seconds) writer.WriteNumber("maxExecutionTime", Math.Max(1, (long)Math.Ceiling(seconds)));
        if (TxMetadata.Count > 0)
        {
            writer.WritePropertyName("txMetadata");
            if (typed) TypedJson.WriteMap(writer, TxMetadata);
            else PlainJsonWriter.WriteMap(writer, TxMetadata);
        }
        if (ImpersonatedUser is not null) writer.WriteString("impersonatedUser", ImpersonatedUser);
        writer.WriteEndObject();
    }

    public byte[] ToUtf8(bool typed)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping, as Neo4j and our server write: a time's '+01:00' stays '+', not \u002B.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) WriteTo(writer, typed);
        return buffer.ToArray();
    }

    /// <summary>The longest <c>maxExecutionTime</c> a request may carry, in seconds (a day); more is refused as out of range.</summary>
    public const double MaxExecutionTimeLimitSeconds = 86_400;

    /// <summary>The shortest <c>maxExecutionTime</c>, in seconds (a millisecond).</summary>
    public const double MinExecutionTimeSeconds = 0.001;

    /// <summary>
    /// Parses a request body; an empty body is a request without a statement. The body must be valid UTF-8 without lone
    /// surrogates (<see cref="JsonText"/>) and no object may name a key twice: JSON leaves duplicates undefined, and
    /// silently running the last "statement" of two is how a proxy and a server end up disagreeing.
    /// </summary>
    public static QueryRequest Parse(ReadOnlySpan<byte> utf8, bool typed)
    {
        if (utf8.IsEmpty || utf8.Trim(" \t\r\n"u8).IsEmpty) return new QueryRequest();
        JsonText.Check(utf8);
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new WireFormatException($"The request body is not valid JSON: {e.Message}");
        }
        try
        {
            // Checked on the parsed text (the reader above cannot be told to refuse duplicates).
            JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false }).Dispose();
        }
        catch (JsonException e)
        {
            document.Dispose();
            throw new WireFormatException($"The request body names a key twice in one object: {e.Message.Replace(" during deserialization", "")} Send each key once.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw WireFormatException.At("$", $"the request body must be a JSON object, not {TypedJson.Describe(root)}");
            var request = new QueryRequest();
            foreach (var property in root.EnumerateObject())
            {
                var path = "$." + property.Name;
                var value = property.Value;
                request = property.Name switch
                {
                    "statement" => request with
                    {
                        Statement = value.ValueKind switch
                        {
                            JsonValueKind.String => value.GetString(),
                            JsonValueKind.Null => null,
                            _ => throw WireFormatException.At(path, $"\"statement\" must be a string, not {TypedJson.Describe(value)}"),
                        },
                    },
                    "parameters" => request with { Parameters = ReadMap(value, path, typed) },
                    "includeCounters" => request with
                    {
                        IncludeCounters = value.ValueKind switch
                        {
                            JsonValueKind.True => true,
                            JsonValueKind.False or JsonValueKind.Null => false,
                            _ => throw WireFormatException.At(path, $"\"includeCounters\" must be true or false, not {TypedJson.Describe(value)}"),
                        },
                    },
                    "bookmarks" => request with { Bookmarks = ReadStrings(value, path) },
                    "accessMode" => request with { AccessMode = ReadAccessMode(value, path) },
                    "maxExecutionTime" => request with { MaxExecutionTimeSeconds = ReadSeconds(value, path) },
                    "txMetadata" => request with { TxMetadata = ReadMap(value, path, typed) },
                    "impersonatedUser" => request with
                    {
                        ImpersonatedUser = value.ValueKind switch
                        {
                            JsonValueKind.String => value.GetString(),
                            JsonValueKind.Null => null,
                            _ => throw WireFormatException.At(path, $"\"impersonatedUser\" must be a user name, not {TypedJson.Describe(value)}"),
                        },
                    },
                    // The legacy transactional HTTP API's batch shape: accepting it would run nothing (or open an
                    // empty transaction) and answer as if it had worked.
                    "statements" => throw WireFormatException.At(path,
                        "\"statements\" is the legacy HTTP API's batch format (/db/neo4j/tx); the Query API takes one statement per request: " +
                        "send {\"statement\": \"RETURN 1\", \"parameters\": {}}"),
                    // Other unknown keys are ignored, as Neo4j does for forward compatibility.
                    _ => request,
                };
            }
            return request;
        }
    }

    private static IReadOnlyDictionary<string, object?> ReadMap(JsonElement value, string path, bool typed) =>
        value.ValueKind == JsonValueKind.Null
            ? new Dictionary<string, object?>()
            : typed ? TypedJson.ReadMap(value, path) : PlainJsonReader.ReadMap(value, path);

    private static List<string> ReadStrings(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array)
            throw WireFormatException.At(path, $"expected an array of strings, not {TypedJson.Describe(value)}");
        return value.EnumerateArray()
            .Select((item, i) => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw WireFormatException.At($"{path}[{i}]", "expected a string"))
            .ToList();
    }

    private static AccessMode? ReadAccessMode(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Null
            ? null
            : (value.ValueKind == JsonValueKind.String ? value.GetString() : null)?.ToUpperInvariant() switch
            {
                "READ" => Client.AccessMode.Read,
                "WRITE" => Client.AccessMode.Write,
                _ => throw WireFormatException.At(path, $"\"accessMode\" must be \"Read\" or \"Write\", not {TypedJson.Describe(value)}"),
            };

    private static double? ReadSeconds(JsonElement value, string path)
    {
        double? seconds = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetDouble(out var d) => d,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => s,
            _ => throw WireFormatException.At(path, $"\"maxExecutionTime\" must be a number of seconds, not {TypedJson.Describe(value)}"),
        };
        if (seconds is { } t && !(t >= MinExecutionTimeSeconds && t <= MaxExecutionTimeLimitSeconds))
            throw WireFormatException.At(path,
                $"\"maxExecutionTime\" {value.GetRawText()} is out of range: give a number of seconds from {MinExecutionTimeSeconds} to {MaxExecutionTimeLimitSeconds:0} (a day)");
        return seconds;
    }
}
