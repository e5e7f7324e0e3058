using Graph.Bolt.Protocol;
using Graph.Bolt.Tests.PackStream;
using Graph.Client;
using Graph.Neo4j.Tests;
using static Graph.Bolt.Tests.RawBoltClient;

namespace Graph.Bolt.Tests.Server;

/// <summary>
/// Temporal values through graph serve's Bolt side as typed structures, as parameters and results, stored and read back:
/// with our client (Bolt 5) and with a raw Bolt 4.4 client that does not ask for the "utc" patch (legacy DateTime form).
/// </summary>
public class TemporalOverBoltTests(ServerHarness server) : IClassFixture<ServerHarness>
{
    [Theory]
    [MemberData(nameof(TemporalStructureTests.Values), MemberType = typeof(TemporalStructureTests))]
    public async Task Temporal_parameters_arrive_typed_and_come_back_typed(object value)
    {
        await using var driver = server.Connector();
        await using var session = driver.AsyncSession();
        var id = Guid.NewGuid().ToString("N");
        var row = (await session.RunAsync(
            "CREATE (n:BoltTemporal {id: $id, v: $v}) RETURN $v AS v, [$v] AS list, n.v AS stored, $v = $v AS comparable",
            Params.Of(("id", id), ("v", value)))).Single();
        Assert.Equal(value, row["v"]);
        // A value that had arrived as text would come back as text: the type says the engine got a temporal value.
        Assert.Equal(value.GetType(), row["v"]!.GetType());
        Assert.Equal(true, row["comparable"]);
        Assert.Equal(new List<object?> { value }, row["list"]);
        Assert.Equal(value, row["stored"]);
    }

    [Fact]
    public async Task A_bolt_44_client_without_the_utc_patch_gets_the_legacy_datetime_form()
    {
        await using var raw = await ConnectAsync(server.Uri.Port);
        await raw.OpenAsync(BoltVersion.V4_4);
        var zoned = new ZonedDateTime(new LocalDateTime(2024, 7, 1, 14, 0), 7200, "Europe/Paris");
        var offset = new ZonedDateTime(new LocalDateTime(1970, 1, 1, 2, 15, 0, 42), 3600);
        raw.Queue(BoltMessages.Run, "RETURN $z AS z, $o AS o, datetime('2024-01-01T12:00[Europe/Paris]') AS winter",
            new Dictionary<string, object?> { ["z"] = zoned, ["o"] = offset }, new Dictionary<string, object?>());
        raw.Queue(BoltMessages.Pull, new Dictionary<string, object?> { ["n"] = -1L });
        await raw.FlushAsync();
        AssertSuccess(await raw.ReceiveAsync());
        var record = await raw.ReceiveAsync();
        Assert.Equal(BoltMessages.Record, record!.Value.Signature);
        var values = (IReadOnlyList<object?>)record.Value.Fields[0]!;
        Assert.Equal(zoned, values[0]);
        Assert.Equal(offset, values[1]);
        Assert.Equal(new ZonedDateTime(new LocalDateTime(2024, 1, 1, 12, 0), 3600, "Europe/Paris"), values[2]);
        AssertSuccess(await raw.ReceiveAsync());
    }
}
