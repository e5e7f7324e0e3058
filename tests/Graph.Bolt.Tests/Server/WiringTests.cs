using Graph.Bolt.Client;
using Graph.Engine;
using Graph.Server;
using Graph.Server.Bolt;
using Microsoft.Extensions.Logging;

namespace Graph.Bolt.Tests.Server;

/// <summary>graph serve's settings for Bolt: Server:Bolt:*, on by default, off on request, bad values named.</summary>
public class WiringTests
{
    [Fact]
    public void Settings_bind_from_the_server_bolt_section_and_bad_ones_are_named()
    {
        var options = ServerConfiguration.Bind(ServerConfiguration.Load(overrides: new Dictionary<string, string?>
        {
            ["Server:Bolt:Port"] = "7688",
            ["Server:Bolt:MaxConnections"] = "12",
            ["Server:Bolt:IdleTimeout"] = "00:05:00",
            ["Server:Bolt:MaxConnectionsPerAddress"] = "7",
            ["Server:Bolt:MaxConnectionsPerUser"] = "5",
            ["Server:WriteLockTimeout"] = "00:00:03",
            ["Server:AuthEnabled"] = "false",
        }));
        Assert.Equal(7688, options.Bolt.Port);
        Assert.Equal(12, options.Bolt.MaxConnections);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Bolt.IdleTimeout);
        Assert.Equal((7, 5), (options.Bolt.MaxConnectionsPerAddress, options.Bolt.MaxConnectionsPerUser));
        Assert.Equal(TimeSpan.FromSeconds(3), options.WriteLockTimeout);
        Assert.True(options.Bolt.Enabled);
        Assert.Equal(7687, new ServerOptions().Bolt.EffectivePort(7474));
        Assert.Equal(0, new ServerOptions().Bolt.EffectivePort(0)); // tests on free ports never collide on 7687

        foreach (var (key, value, named) in new[]
                 {
                     ("Server:Bolt:Port", "70000", "Server:Bolt:Port"),
                     ("Server:Bolt:MaxConnections", "0", "Server:Bolt:MaxConnections"),
                     ("Server:Bolt:MaxConnectionsPerUser", "0", "Server:Bolt:MaxConnectionsPerUser"),
                     ("Server:Bolt:AdvertisedAddress", "nohost", "Server:Bolt:AdvertisedAddress"),
                     ("Server:WriteLockTimeout", "-00:00:01", "Server:WriteLockTimeout"),
                 })
        {
            var e = Assert.Throws<ArgumentException>(() => ServerConfiguration.Bind(ServerConfiguration.Load(overrides: new Dictionary<string, string?> { [key] = value, ["Server:AuthEnabled"] = "false" })));
            Assert.Contains(named, e.Message);
        }
    }

    [Fact]
    public async Task Graph_serve_listens_for_bolt_unless_turned_off()
    {
        await using var store = EmbeddedDriver.InMemory();
        await using (var on = GraphServer.Build(new ServerOptions { Port = 0, AuthEnabled = false }, store, LogLevel.Warning))
        {
            await on.StartAsync();
            Assert.StartsWith("bolt://127.0.0.1:", on.BoltUri());
            await using var client = new BoltDriver(new BoltDriverOptions { Uri = new Uri(on.BoltUri()!) });
            await client.VerifyConnectivityAsync();
            await on.StopAsync();
        }
        await using var off = GraphServer.Build(new ServerOptions { Port = 0, AuthEnabled = false, Bolt = { Enabled = false } }, store, LogLevel.Warning);
        await off.StartAsync();
        Assert.Null(off.BoltUri());
        await off.StopAsync();
    }
}
