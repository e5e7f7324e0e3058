using System.Globalization;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Wire;

/// <summary>
/// Writes a Query API response body piece by piece, so that a server can send the records as they are produced:
/// <see cref="Begin"/>, then <see cref="StartData"/>, any number of <see cref="WriteRow"/>, <see cref="EndData"/>,
/// then the summary keys (<see cref="WriteSummary"/>, <see cref="WriteBookmarks"/>, <see cref="WriteTransaction"/>)
/// or <see cref="WriteErrors"/>, and <see cref="End"/>. An error after the first record is reported the way the
/// legacy HTTP API and the Query API's JSON Lines stream do: the records sent stay, and an <c>errors</c> key follows them.
/// </summary>
public sealed class QueryResponseWriter(Utf8JsonWriter writer, bool typed)
{
    public Utf8JsonWriter Json => writer;

    public void Begin() => writer.WriteStartObject();

    public void StartData(IReadOnlyList<string> fields)
    {
        writer.WriteStartObject("data");
        writer.WriteStartArray("fields");
        foreach (var field in fields) writer.WriteStringValue(field);
        writer.WriteEndArray();
        writer.WriteStartArray("values");
    }

    public void WriteRow(IReadOnlyList<object?> row)
    {
        writer.WriteStartArray();
        foreach (var cell in row)
        {
            if (typed) TypedJson.Write(writer, cell);
            else PlainJsonWriter.Write(writer, cell);
        }
        writer.WriteEndArray();
    }

    public void EndData()
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>counters (when asked for), notifications and the plan of a statement.</summary>
    public void WriteSummary(Counters? counters, IReadOnlyList<Notification> notifications, PlanDescription? plan, string database)
    {
        if (counters is not null) WriteCounters(counters);
        if (notifications.Count > 0) WriteNotifications(notifications);
        if (plan is not null)
        {
            writer.WritePropertyName(PlanJson.KeyFor(plan));
            PlanJson.Write(writer, plan, database);
        }
    }

    /// <summary>"r", "rw", "w" or "s" (<see cref="QueryResponse.QueryTypeCode"/>).</summary>
    public void WriteQueryType(string? queryType)
    {
        if (queryType is not null) writer.WriteString("queryType", queryType);
    }

    public void WriteErrors(IReadOnlyList<QueryApiError> errors)
    {
        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("code", error.Code);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public void WriteBookmarks(IReadOnlyList<string> bookmarks)
    {
        if (bookmarks.Count == 0) return;
        writer.WriteStartArray("bookmarks");
        foreach (var bookmark in bookmarks) writer.WriteStringValue(bookmark);
        writer.WriteEndArray();
    }

    public void WriteTransaction(TransactionInfo transaction)
    {
        writer.WriteStartObject("transaction");
        writer.WriteString("id", transaction.Id);
        if (transaction.Expires is { } expires)
            writer.WriteString("expires", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    public void End() => writer.WriteEndObject();

    private void WriteCounters(Counters c)
    {
        writer.WriteStartObject("counters");
        writer.WriteBoolean("containsUpdates", c.ContainsUpdates);
        writer.WriteNumber("nodesCreated", c.NodesCreated);
        writer.WriteNumber("nodesDeleted", c.NodesDeleted);
        writer.WriteNumber("propertiesSet", c.PropertiesSet);
        writer.WriteNumber("relationshipsCreated", c.RelationshipsCreated);
        writer.WriteNumber("relationshipsDeleted", c.RelationshipsDeleted);
        writer.WriteNumber("labelsAdded", c.LabelsAdded);
        writer.WriteNumber("labelsRemoved", c.LabelsRemoved);
        writer.WriteNumber("indexesAdded", c.IndexesAdded);
        writer.WriteNumber("indexesRemoved", c.IndexesRemoved);
        writer.WriteNumber("constraintsAdded", c.ConstraintsAdded);
        writer.WriteNumber("constraintsRemoved", c.ConstraintsRemoved);
        writer.WriteBoolean("containsSystemUpdates", c.ContainsSystemUpdates);
        writer.WriteNumber("systemUpdates", c.IndexesAdded + c.IndexesRemoved + c.ConstraintsAdded + c.ConstraintsRemoved);
        writer.WriteEndObject();
    }

    private void WriteNotifications(IReadOnlyList<Notification> notifications)
    {
        writer.WriteStartArray("notifications");
        foreach (var n in notifications)
        {
            writer.WriteStartObject();
            writer.WriteString("code", n.Code);
            writer.WriteString("title", n.Title);
            writer.WriteString("description", n.Description);
            writer.WriteString("severity", n.Severity == NotificationSeverity.Warning ? "WARNING" : "INFORMATION");
            if (n.Position is { } p)
            {
                writer.WriteStartObject("position");
                writer.WriteNumber("offset", p.Offset);
                writer.WriteNumber("line", p.Line);
                writer.WriteNumber("column", p.Column);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
