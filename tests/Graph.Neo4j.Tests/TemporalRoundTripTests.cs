using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Graph.Client;

namespace Graph.Neo4j.Tests;

/// <summary>
/// Every temporal type through the connector (typed JSON parameters and results), our server and the engine, stored and
/// read back; and the server's plain and typed JSON as a client without our connector sees them.
/// </summary>
public class TemporalRoundTripTests(ServerHarness server) : IClassFixture<ServerHarness>
{
    public static TheoryData<object> Temporals => new()
    {
        new LocalDate(1984, 10, 11),
        new LocalDate(-999_999_999, 1, 1),
        new LocalTime(12, 31, 14, 645_876_123),
        new OffsetTime(new LocalTime(23, 59, 59, 1), -(2 * 3600 + 5 * 60 + 7)),
        new LocalDateTime(999_999_999, 12, 31, 23, 59, 59, 999_999_999),
        new ZonedDateTime(new LocalDateTime(2015, 7, 21, 21, 40, 32, 142_000_000), 3600),
        new ZonedDateTime(new LocalDateTime(1818, 7, 21, 21, 40, 32, 142_000_000), 53 * 60 + 28, "Europe/Stockholm"),
        new ZonedDateTime(new LocalDateTime(2015, 11, 21, 21, 40, 32, 142_000_000), 0, "Antarctica/Troll"),
        new Duration(-14, 3, -1, 999_999_999),
        Duration.Zero,
    };

    [Theory]
    [MemberData(nameof(Temporals))]
    public async Task Temporal_values_round_trip_as_parameters_results_and_stored_properties(object value)
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var back = (await session.RunAsync("RETURN $v AS v, [$v, $v] AS list", Params.Of(("v", value)))).Single();
        Assert.Equal(value, back["v"]);
        Assert.Equal(value.GetType(), back["v"]!.GetType());
        Assert.Equal(new List<object?> { value, value }, back["list"]);

        var id = Guid.NewGuid().ToString("N");
        await session.RunAsync("CREATE (:RtTemporal {id: $id, v: $v, vs: [$v]})", Params.Of(("id", id), ("v", value)));
        var stored = (await session.RunAsync("MATCH (n:RtTemporal {id: $id}) RETURN n, n.v AS v", Params.Of(("id", id)))).Single();
        Assert.Equal(value, stored["v"]);
        Assert.Equal(value, Assert.IsType<Node>(stored["n"])["v"]);
        Assert.Equal(new List<object?> { value }, Assert.IsType<Node>(stored["n"])["vs"]);
    }

    [Fact]
    public async Task Values_the_engine_computes_arrive_typed()
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var row = (await session.RunAsync(
            "RETURN datetime({year: 2017, month: 10, day: 29, hour: 2, minute: 30, timezone: 'Europe/Stockholm'}) + duration('PT1H') AS dt, " +
            "duration.between(date('1984-10-11'), date('2015-06-24')) AS d, date.truncate('week', date('2013-07-11')) AS w")).Single();
        Assert.Equal("2017-10-29T02:30+01:00[Europe/Stockholm]", Assert.IsType<ZonedDateTime>(row["dt"]).ToString());
        Assert.Equal(new Duration(30 * 12 + 8, 13, 0, 0), row["d"]);
        Assert.Equal(new LocalDate(2013, 7, 8), row["w"]);
    }

    private const string Query =
        "RETURN date('2015-03-26') AS date, time('12:50:35.556+01:00') AS time, localtime('12:50:35.556') AS localTime, " +
        "datetime('2015-11-21T21:40:32.142Z[Antarctica/Troll]') AS zoned, datetime('2015-11-21T21:40:32.142Z') AS offset, " +
        "localdatetime('2015-07-04T19:32:24') AS localDateTime, duration('P14DT16H12M') AS duration";

    private async Task<JsonElement> Post(string accept)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/db/neo4j/query/v2")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { statement = Query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("data").GetProperty("values")[0].Clone();
    }

    [Fact]
    public async Task The_server_writes_the_documented_typed_json()
    {
        var row = await Post("application/vnd.neo4j.query");
        var documented = Fixtures.Json("typed-temporal-values.json");
        string[] examples = ["Date", "Time", "LocalTime", "ZonedDateTime", "OffsetDateTime", "LocalDateTime", "Duration"];
        // The server indents; apart from that (the ISO texts hold no whitespace) every byte is the documented one.
        static string Compact(JsonElement e) => System.Text.RegularExpressions.Regex.Replace(e.GetRawText(), @"\s", "");
        for (var i = 0; i < examples.Length; i++)
            Assert.Equal(Compact(documented.GetProperty(examples[i])), Compact(row[i]));
    }

    [Fact]
    public async Task The_server_writes_iso_text_in_plain_json()
    {
        var row = await Post("application/json");
        Assert.Equal(
            ["2015-03-26", "12:50:35.556+01:00", "12:50:35.556", "2015-11-21T21:40:32.142Z[Antarctica/Troll]", "2015-11-21T21:40:32.142Z", "2015-07-04T19:32:24", "P14DT16H12M"],
            row.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
