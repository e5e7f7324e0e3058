using System.Globalization;
using System.Text;
using System.Text.Json;
using Graph.Client;
using Spectre.Console;

namespace Graph.Cli.Output;

/// <summary>Prints a query result as a table (people), JSON or CSV (programs).</summary>
public static class ResultWriter
{
    public static void Write(QueryResult result, OutputFormat format, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Json: WriteJson(result, output); break;
            case OutputFormat.Csv: WriteCsv(result, output); break;
            default: WriteTable(result, output); break;
        }
    }

    /// <summary>
    /// One JSON array, one object per record keyed by column name; values as in the Query API's plain JSON (nodes
    /// {elementId, labels, properties}, relationships {elementId, startNodeElementId, endNodeElementId, type, properties},
    /// paths as arrays alternating the two), so scripts read `graph cypher` and `graph serve` the same way.
    /// </summary>
    public static void WriteJson(QueryResult result, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var record in result.Records)
            {
                json.WriteStartObject();
                for (var i = 0; i < record.Keys.Count; i++)
                {
                    json.WritePropertyName(record.Keys[i]);
                    PlainJsonWriter.Write(json, record[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>RFC 4180 CSV with a header row; strings bare, other values as Cypher literals.</summary>
    public static void WriteCsv(QueryResult result, TextWriter output)
    {
        output.WriteLine(string.Join(',', result.Keys.Select(CsvField)));
        foreach (var record in result.Records)
            output.WriteLine(string.Join(',', record.Values.Select(v => CsvField(v is null ? "" : ValueFormatter.ToDisplayString(v)))));
    }

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    public static void WriteTable(QueryResult result, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (result.Keys.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var key in result.Keys) table.AddColumn(new TableColumn(Markup.Escape(key)));
            foreach (var record in result.Records)
                table.AddRow(record.Values.Select(v => (Spectre.Console.Rendering.IRenderable)new Text(ValueFormatter.ToDisplayString(v))).ToArray());
            console.Write(table);
        }
        console.WriteLine(Summary(result));
    }

    public static string Summary(QueryResult result)
    {
        var parts = new List<string> { result.Records.Count == 1 ? "1 row" : $"{result.Records.Count} rows" };
        var c = result.Counters;
        void Add(int n, string what) { if (n != 0) parts.Add($"{what}: {n}"); }
        Add(c.NodesCreated, "nodes created");
        Add(c.NodesDeleted, "nodes deleted");
        Add(c.RelationshipsCreated, "relationships created");
        Add(c.RelationshipsDeleted, "relationships deleted");
        Add(c.PropertiesSet, "properties set");
        Add(c.LabelsAdded, "labels added");
        Add(c.LabelsRemoved, "labels removed");
        Add(c.IndexesAdded, "indexes added");
        Add(c.IndexesRemoved, "indexes removed");
        Add(c.ConstraintsAdded, "constraints added");
        Add(c.ConstraintsRemoved, "constraints removed");
        parts.Add($"{result.Summary.ResultAvailableAfter.TotalMilliseconds:0.#} ms");
        return string.Join(", ", parts);
    }
}
