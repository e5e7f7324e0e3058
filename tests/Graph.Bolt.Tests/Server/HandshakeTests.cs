using System.Buffers.Binary;
using Graph.Bolt.Protocol;

namespace Graph.Bolt.Tests.Server;

/// <summary>Version negotiation as Neo4j 5.26 does it: single versions, ranges, the manifest, and refusals.</summary>
public class HandshakeTests(BoltHarness server) : IClassFixture<BoltHarness>
{
    private static uint V(int major, int minor, int range = 0) => (uint)((range << 16) | (minor << 8) | major);

    public static TheoryData<uint[], string> Proposals() => new()
    {
        { [V(5, 8, 8), V(4, 4, 2), V(3, 0), 0], "5.8" },
        { [V(5, 4), 0, 0, 0], "5.4" },
        { [V(4, 4), V(3, 0), 0, 0], "4.4" },
        { [V(5, 5), V(5, 3), 0, 0], "5.3" },            // 5.5 was never negotiated by a server
        { [V(6, 0), V(5, 9, 9), 0, 0], "5.8" },         // newer than we speak, with a range reaching down
        { [V(4, 3), V(4, 4, 4), 0, 0], "4.4" },         // first the client's preference, then the range
        { [V(5, 2), V(5, 8), 0, 0], "5.2" },            // the first match wins, not the highest
    };

    [Theory]
    [MemberData(nameof(Proposals))]
    public async Task The_first_proposal_we_speak_wins(uint[] proposals, string expected)
    {
        await using var client = await server.RawAsync();
        var reply = await client.ProposeAsync(proposals);
        Assert.NotNull(reply);
        Assert.Equal(expected, $"{reply[3]}.{reply[2]}");
    }

    [Fact]
    public async Task No_common_version_is_answered_with_zeros_and_a_close()
    {
        await using var client = await server.RawAsync();
        Assert.Equal([0, 0, 0, 0], await client.ProposeAsync(V(3, 0), V(4, 1), V(2, 0), V(1, 0)));
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task The_manifest_lists_our_versions_and_takes_the_clients_choice()
    {
        await using var client = await server.RawAsync();
        Assert.Equal([0, 0, 1, 0xFF], await client.ProposeAsync(0x000001FF, V(5, 8, 8), 0, 0));
        var count = (await client.ReadRawAsync(1))![0];
        Assert.Equal(3, count);
        var ranges = new List<uint>();
        for (var i = 0; i < count; i++) ranges.Add(BinaryPrimitives.ReadUInt32BigEndian(await client.ReadRawAsync(4)));
        Assert.Equal([V(5, 8, 2), V(5, 4, 4), V(4, 4)], ranges);
        Assert.Equal(0, (await client.ReadRawAsync(1))![0]); // no capabilities
        await client.SendRawAsync([0, 0, 7, 5, 0]);          // 5.7, no capabilities
        client.UseVersion(new BoltVersion(5, 7));
        await client.SendAsync(BoltMessages.Hello, new Dictionary<string, object?> { ["user_agent"] = "t/1" });
        var hello = RawBoltClient.AssertSuccess(await client.ReceiveAsync());
        Assert.Equal("5.7", hello["protocol_version"]);
        Assert.Equal("Neo4j/5.26.0", hello["server"]);
    }

    [Fact]
    public async Task A_manifest_choice_we_did_not_offer_closes_the_connection()
    {
        await using var client = await server.RawAsync();
        await client.ProposeAsync(0x000001FF, 0, 0, 0);
        await client.ReadRawAsync(1 + 3 * 4 + 1);
        await client.SendRawAsync([0, 0, 5, 5, 0]); // 5.5
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task Plain_http_on_the_bolt_port_is_told_where_http_is()
    {
        await using var client = await server.RawAsync();
        await client.SendRawAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        var answer = System.Text.Encoding.ASCII.GetString(await client.ReadRawAsync(12) ?? []);
        Assert.Equal("HTTP/1.1 400", answer);
    }

    [Fact]
    public async Task Bolt_travels_over_websocket_on_the_same_port()
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}"), RawBoltClient.Soon);
        await using var stream = System.Net.WebSockets.WebSocketStream.Create(socket, System.Net.WebSockets.WebSocketMessageType.Binary, ownsWebSocket: false);
        await using var client = RawBoltClient.Over(stream);
        await client.OpenAsync(BoltVersion.V5_8);
        await client.SendAsync(BoltMessages.Run, "UNWIND range(1, 3) AS i RETURN i", new Dictionary<string, object?>(), new Dictionary<string, object?>());
        RawBoltClient.AssertSuccess(await client.ReceiveAsync());
        await client.SendAsync(BoltMessages.Pull, new Dictionary<string, object?> { ["n"] = -1L });
        for (var i = 1L; i <= 3; i++) Assert.Equal(new List<object?> { i }, (await client.ReceiveAsync())!.Value.Fields[0]);
        RawBoltClient.AssertSuccess(await client.ReceiveAsync());
    }
}
