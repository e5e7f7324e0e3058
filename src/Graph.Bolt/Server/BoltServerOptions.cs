using System.Security.Cryptography.X509Certificates;

namespace Graph.Bolt.Server;

/// <summary>
/// Settings of the Bolt listener, bound from the configuration section "Server:Bolt" (appsettings.json,
/// GRAPH_Server__Bolt__Port=7688, ...; <c>graph serve --bolt-port N</c>, <c>--no-bolt</c>).
/// </summary>
public sealed class BoltServerOptions
{
    /// <summary>Listen for Bolt at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on; empty means the same as Server:Host (127.0.0.1 by default).</summary>
    public string? Host { get; set; }

    /// <summary>
    /// TCP port; 0 picks a free one. Unset: 7687 (Neo4j's Bolt port), or a free one when the HTTP port is 0 too
    /// (<see cref="EffectivePort"/>), so that test servers never collide on 7687.
    /// </summary>
    public int? Port { get; set; }

    public const int DefaultPort = 7687;

    /// <summary>The port to listen on, given the HTTP port of the same server.</summary>
    public int EffectivePort(int httpPort) => Port ?? (httpPort == 0 ? 0 : DefaultPort);

    /// <summary>The host:port routing tables name (neo4j:// URIs); empty means the address the client connected to.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Connections served at once; further ones are told so (Neo.TransientError.Request.NoThreadsAvailable) and closed.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>
    /// Connections served at once from one client address (every local client shares 127.0.0.1), so that one host
    /// cannot take every connection; further ones are told so and closed.
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 128;

    /// <summary>
    /// Connections one user may have logged in at once (the official drivers pool at most 100 per server by default);
    /// the next login is refused with Neo.TransientError.Request.NoThreadsAvailable and the connection closed.
    /// </summary>
    public int MaxConnectionsPerUser { get; set; } = 100;

    /// <summary>A connection that sends nothing for this long outside a transaction is closed (drivers retire pooled connections after an hour themselves).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a client may take to open the connection (handshake, HELLO and LOGON).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest message accepted (a RUN with its parameters); larger ones end the connection with Neo.ClientError.Request.Invalid.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>TLS: a certificate with its private key makes the listener speak bolt+s (not bound from configuration).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting to fix.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"Server:Bolt:Port {Port} is not a TCP port (0-65535).");
        if (MaxConnections < 1) throw new ArgumentException($"Server:Bolt:MaxConnections must be at least 1 (it is {MaxConnections}).");
        if (MaxConnectionsPerAddress < 1) throw new ArgumentException($"Server:Bolt:MaxConnectionsPerAddress must be at least 1 (it is {MaxConnectionsPerAddress}).");
        if (MaxConnectionsPerUser < 1) throw new ArgumentException($"Server:Bolt:MaxConnectionsPerUser must be at least 1 (it is {MaxConnectionsPerUser}).");
        if (IdleTimeout <= TimeSpan.Zero) throw new ArgumentException("Server:Bolt:IdleTimeout must be positive, e.g. 01:00:00.");
        if (HandshakeTimeout <= TimeSpan.Zero) throw new ArgumentException("Server:Bolt:HandshakeTimeout must be positive, e.g. 00:00:20.");
        if (MaxMessageBytes < 1024) throw new ArgumentException($"Server:Bolt:MaxMessageBytes must be at least 1024 (it is {MaxMessageBytes}).");
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !AdvertisedAddress.Contains(':'))
            throw new ArgumentException($"Server:Bolt:AdvertisedAddress '{AdvertisedAddress}' needs a port, e.g. graph.example.org:7687.");
    }
}
