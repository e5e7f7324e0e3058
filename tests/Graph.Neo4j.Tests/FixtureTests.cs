using System.Text.Json;
using Graph.Client;
using Graph.Neo4j.Wire;

namespace Graph.Neo4j.Tests;

/// <summary>The wire format against the bodies Neo4j documents (Fixtures/README.md says which page each comes from).</summary>
public class FixtureTests
{
    [Fact]
    public void Typed_response_reads_a_node_and_a_string()
    {
        var response = QueryResponse.Parse(Fixtures.Bytes("typed-response.json"), typed: true);

        Assert.Equal(["person", "name"], response.Fields);
        var row = Assert.Single(response.Rows);
        var node = Assert.IsType<Node>(row[0]);
        Assert.Equal("4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", node.ElementId);
        Assert.Equal(["Person"], node.Labels);
        Assert.Equal("Phil", node["name"]);
        Assert.Equal("Phil", row[1]);
        Assert.Equal(["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q"], response.Bookmarks);
    }

    [Fact]
    public void Typed_response_written_back_equals_the_documented_body()
    {
        var response = QueryResponse.Parse(Fixtures.Bytes("typed-response.json"), typed: true);
        var written = Fixtures.Serialize(w => response.WriteTo(w, typed: true));
        Assert.True(Fixtures.JsonEquals(Fixtures.Json("typed-response.json"), written), written.GetRawText());
    }

    [Fact]
    public void Typed_request_is_what_the_connector_writes_for_the_same_query()
    {
        var documented = Fixtures.Json("typed-request.json");
        var parsed = QueryRequest.Parse(Fixtures.Bytes("typed-request.json"), typed: true);
        Assert.Equal("MERGE (p:Person {name: $name}) RETURN p AS person, p.name AS name", parsed.Statement);
        Assert.Equal("Phil", parsed.Parameters["name"]);

        var ours = new QueryRequest { Statement = parsed.Statement, Parameters = new Dictionary<string, object?> { ["name"] = "Phil" } };
        var written = Fixtures.Serialize(w => ours.WriteTo(w, typed: true));
        Assert.True(Fixtures.JsonEquals(documented, written), written.GetRawText());
    }

    public static TheoryData<string> ContractTypes => new() { "Null", "Boolean", "Integer", "Float", "String", "List", "Map", "Node", "Relationship", "Path" };

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void Every_documented_typed_value_round_trips(string type)
    {
        var documented = Fixtures.Json("typed-values.json").GetProperty(type);
        var value = TypedJson.Read(documented);
        var written = Fixtures.Serialize(w => TypedJson.Write(w, value));
        Assert.True(Fixtures.JsonEquals(documented, written), $"{type}: wrote {written.GetRawText()}");
    }

    [Fact]
    public void Documented_typed_values_read_as_contract_values()
    {
        var values = Fixtures.Json("typed-values.json");
        object? Read(string type) => TypedJson.Read(values.GetProperty(type));

        Assert.Null(Read("Null"));
        Assert.Equal(true, Read("Boolean"));
        Assert.Equal(123L, Read("Integer"));
        Assert.Equal(4.56, Read("Float"));
        Assert.Equal("Hello World", Read("String"));
        Assert.Equal(new List<object?> { "A", "B" }, Read("List"));
        Assert.Equal(new Dictionary<string, object?> { ["fieldA"] = "A", ["fieldB"] = "B" }, Read("Map"));

        var rel = Assert.IsType<Relationship>(Read("Relationship"));
        Assert.Equal(("LIKES", "4:ff04df25-ff2b-4b55-98f8-6888297b025e:0", "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "forever!"),
            (rel.Type, rel.StartNodeElementId, rel.EndNodeElementId, rel["since"]));

        var path = Assert.IsType<GraphPath>(Read("Path"));
        Assert.Equal(1, path.Length);
        Assert.Equal(["Alice", "Phil"], path.Nodes.Select(n => n["name"]));
        Assert.Equal(42L, path.Start["age"]);
    }

    [Fact]
    public void Base64_is_a_byte_array() =>
        Assert.Equal(Convert.FromBase64String("A2+/"), TypedJson.Read(Fixtures.Json("typed-values.json").GetProperty("Base64")));

    [Theory]
    [InlineData("Point", "SRID=7203;POINT (1.2 3.4)")]
    public void Types_outside_the_contract_keep_their_documented_text(string type, string text) =>
        Assert.Equal(text, TypedJson.Read(Fixtures.Json("typed-values.json").GetProperty(type)));

    public static TheoryData<string, Type> TemporalTypes => new()
    {
        { "Date", typeof(LocalDate) },
        { "Time", typeof(OffsetTime) },
        { "LocalTime", typeof(LocalTime) },
        { "ZonedDateTime", typeof(ZonedDateTime) },
        { "OffsetDateTime", typeof(ZonedDateTime) },
        { "OffsetDateTimeIntro", typeof(ZonedDateTime) },
        { "LocalDateTime", typeof(LocalDateTime) },
        { "Duration", typeof(Duration) },
    };

    [Theory]
    [MemberData(nameof(TemporalTypes))]
    public void Documented_temporal_values_decode_to_contract_types_and_encode_byte_for_byte(string example, Type type)
    {
        var documented = Fixtures.Json("typed-temporal-values.json").GetProperty(example);
        var value = TypedJson.Read(documented);
        Assert.IsType(type, value);
        var written = Fixtures.Serialize(w => TypedJson.Write(w, value));
        // Byte for byte: the same members in the documented order, the same $type and the same ISO text.
        Assert.Equal(documented.GetRawText().Replace(" ", ""), written.GetRawText());
    }

    [Fact]
    public void Documented_temporal_values_carry_every_part()
    {
        var values = Fixtures.Json("typed-temporal-values.json");
        object? Read(string example) => TypedJson.Read(values.GetProperty(example));

        Assert.Equal(new LocalDate(2015, 3, 26), Read("Date"));
        Assert.Equal(new OffsetTime(new LocalTime(12, 50, 35, 556_000_000), 3600), Read("Time"));
        Assert.Equal(new LocalTime(12, 50, 35, 556_000_000), Read("LocalTime"));
        Assert.Equal(new ZonedDateTime(new LocalDateTime(2015, 11, 21, 21, 40, 32, 142_000_000), 0, "Antarctica/Troll"), Read("ZonedDateTime"));
        Assert.Equal(new ZonedDateTime(new LocalDateTime(2015, 11, 21, 21, 40, 32, 142_000_000), 0), Read("OffsetDateTime"));
        Assert.Equal(new ZonedDateTime(new LocalDateTime(2024, 1, 1, 21, 40, 32), -3600), Read("OffsetDateTimeIntro"));
        Assert.Equal(new LocalDateTime(2015, 7, 4, 19, 32, 24), Read("LocalDateTime"));
        Assert.Equal(new Duration(0, 14, 16 * 3600 + 12 * 60, 0), Read("Duration"));
    }

    [Fact]
    public void The_connector_sends_temporal_parameters_as_documented_byte_for_byte()
    {
        var request = new QueryRequest
        {
            Statement = "RETURN $t",
            Parameters = new Dictionary<string, object?> { ["t"] = new OffsetTime(new LocalTime(12, 50, 35, 556_000_000), 3600) },
        };
        var text = System.Text.Encoding.UTF8.GetString(request.ToUtf8(typed: true));
        Assert.Contains(Fixtures.Json("typed-temporal-values.json").GetProperty("Time").GetRawText().Replace(" ", ""), text);
    }

    [Fact]
    public void The_older_pages_OffsetDateTime_with_a_zone_id_reads_as_a_zoned_datetime()
    {
        var value = Assert.IsType<ZonedDateTime>(TypedJson.Read(Fixtures.Json("typed-values.json").GetProperty("OffsetDateTime")));
        Assert.Equal(("Antarctica/Troll", 0), (value.ZoneId, value.OffsetSeconds));
        Assert.Equal("ZonedDateTime", TypedJson.TemporalTypeName(value));
    }

    [Theory]
    [InlineData("Date", "2015-02-30")]
    [InlineData("Time", "12:50:35.556")]
    [InlineData("LocalTime", "25:00")]
    [InlineData("OffsetDateTime", "2015-11-21 21:40")]
    [InlineData("Duration", "14 days")]
    public void A_malformed_temporal_value_is_a_wire_format_error_naming_the_place(string type, string text)
    {
        var json = Fixtures.Serialize(w =>
        {
            w.WriteStartObject();
            w.WriteString("$type", type);
            w.WriteString("_value", text);
            w.WriteEndObject();
        });
        var error = Assert.Throws<WireFormatException>(() => TypedJson.Read(json, "$.data.values[0][1]"));
        Assert.Contains("$.data.values[0][1]._value", error.Message);
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void Plain_json_writes_temporal_values_as_their_iso_text()
    {
        var values = new object?[]
        {
            new LocalDate(2015, 3, 26), new OffsetTime(new LocalTime(12, 50, 35, 556_000_000), 3600), new LocalTime(12, 50, 35, 556_000_000),
            new ZonedDateTime(new LocalDateTime(2015, 11, 21, 21, 40, 32, 142_000_000), 0, "Antarctica/Troll"),
            new LocalDateTime(2015, 7, 4, 19, 32, 24), new Duration(0, 14, 58_320, 0),
        };
        var written = Fixtures.Serialize(w => PlainJsonWriter.Write(w, values));
        Assert.Equal(
            "[\"2015-03-26\",\"12:50:35.556+01:00\",\"12:50:35.556\",\"2015-11-21T21:40:32.142Z[Antarctica/Troll]\",\"2015-07-04T19:32:24\",\"P14DT16H12M\"]",
            written.GetRawText());
    }

    [Fact]
    public void Plain_response_reads_a_node_and_a_string()
    {
        var response = QueryResponse.Parse(Fixtures.Bytes("plain-response.json"), typed: false);
        var row = Assert.Single(response.Rows);
        var node = Assert.IsType<Node>(row[0]);
        Assert.Equal(("4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "Phil"), (node.ElementId, node["name"]));
        Assert.Equal("Phil", row[1]);
    }

    [Fact]
    public void Plain_values_read_as_node_relationship_and_path_and_write_back_unchanged()
    {
        var values = Fixtures.Json("plain-values.json");
        foreach (var type in new[] { "Node", "Relationship", "Path" })
        {
            var documented = values.GetProperty(type);
            var value = PlainJsonReader.ReadResultValue(documented);
            Assert.Equal(type, Values.TypeName(value));
            var written = Fixtures.Serialize(w => PlainJsonWriter.Write(w, value));
            Assert.True(Fixtures.JsonEquals(documented, written), $"{type}: wrote {written.GetRawText()}");
        }
    }

    [Fact]
    public void Counters_are_read_and_the_documented_flat_values_form_one_row()
    {
        var response = QueryResponse.Parse(Fixtures.Bytes("counters-response.json"), typed: false);
        Assert.Equal(new Counters { NodesCreated = 1, PropertiesSet = 1, LabelsAdded = 1 }, response.Counters);
        Assert.Equal("Peter", Assert.Single(response.Rows)[0]);

        var written = Fixtures.Serialize(w => response.WriteTo(w, typed: false));
        Assert.True(Fixtures.JsonEquals(Fixtures.Json("counters-response.json").GetProperty("counters"), written.GetProperty("counters")));
    }

    [Fact]
    public void Notifications_carry_code_severity_and_position()
    {
        var notification = Assert.Single(QueryResponse.Parse(Fixtures.Bytes("notifications-response.json"), typed: false).Notifications);
        Assert.Equal("Neo.ClientNotification.Statement.UnboundedVariableLengthPattern", notification.Code);
        Assert.Equal(NotificationSeverity.Information, notification.Severity);
        Assert.Equal(new InputPosition(21, 1, 22), notification.Position);
    }

    [Fact]
    public void Requests_with_bookmarks_and_access_mode_parse()
    {
        var bookmarks = QueryRequest.Parse(Fixtures.Bytes("bookmarks-request.json"), typed: false);
        Assert.Equal(["FB:kcwQt8DpQx5zR0uN3Oj/OudM3QaQ", "FB:kcwQy9mp3ioyRom386bZDRRcuCiQ"], bookmarks.Bookmarks);
        Assert.Equal("Lucy", bookmarks.Parameters["end"]);

        var routing = QueryRequest.Parse(Fixtures.Bytes("routing-request.json"), typed: false);
        Assert.Equal(AccessMode.Read, routing.AccessMode);

        var tx = QueryRequest.Parse(Fixtures.Bytes("tx-begin-request.json"), typed: false);
        Assert.Equal(42L, tx.Parameters["age"]);
    }

    [Fact]
    public void Transaction_response_carries_id_expiry_and_bookmarks()
    {
        var response = QueryResponse.Parse(Fixtures.Bytes("tx-begin-response.json"), typed: false);
        Assert.Equal(new TransactionInfo("lyU", new DateTimeOffset(2024, 10, 22, 15, 48, 29, TimeSpan.Zero)), response.Transaction);
        Assert.Equal(42L, Assert.IsType<Node>(Assert.Single(response.Rows)[0])["age"]);
    }

    [Theory]
    [InlineData("error-no-auth.json", typeof(AuthenticationException), Neo4jStatus.Unauthorized)]
    [InlineData("error-bad-credentials.json", typeof(AuthenticationException), Neo4jStatus.Unauthorized)]
    [InlineData("error-bad-auth-header.json", typeof(ClientException), Neo4jStatus.InvalidFormat)]
    [InlineData("tx-expired-error.json", typeof(ClientException), Neo4jStatus.InvalidRequest)]
    [InlineData("error-syntax.json", typeof(ClientException), Neo4jStatus.SyntaxError)]
    public void Documented_errors_map_to_contract_exceptions(string file, Type exceptionType, string code)
    {
        var error = Assert.Single(QueryResponse.ReadErrors(Fixtures.Json(file)));
        var exception = ErrorMapping.ToException(error);
        Assert.IsType(exceptionType, exception);
        Assert.Equal(code, exception.Code);
        Assert.Equal(error.Message, exception.Message);
    }

    [Fact]
    public void A_syntax_error_keeps_its_position()
    {
        var exception = ErrorMapping.ToException(Assert.Single(QueryResponse.ReadErrors(Fixtures.Json("error-syntax.json"))));
        Assert.Equal(new InputPosition(0, 1, 1), exception.Position);
        Assert.Equal(ErrorPhase.CompileTime, exception.Phase);
    }

    [Theory]
    [InlineData("{\"$type\": \"Integer\", \"_value\": \"x\"}", "Integer")]
    [InlineData("{\"$type\": \"Float\", \"_value\": true}", "Float")]
    [InlineData("{\"$type\": \"Wat\", \"_value\": 1}", "unknown $type 'Wat'")]
    [InlineData("{\"_value\": 1}", "$type")]
    [InlineData("42", "typed value")]
    public void Malformed_typed_values_are_refused_with_the_place(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);
        var e = Assert.Throws<WireFormatException>(() => TypedJson.Read(document.RootElement, "$.parameters.x"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("$.parameters.x", e.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(1e20, "1.0E20")]
    [InlineData(-0.5, "-0.5")]
    public void Special_floats_travel_as_Neo4j_spells_them(double value, string text)
    {
        var written = Fixtures.Serialize(w => TypedJson.Write(w, value));
        Assert.Equal(text, written.GetProperty("_value").GetString());
        Assert.Equal(value, (double)TypedJson.Read(written)!);
    }
}
