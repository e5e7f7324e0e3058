using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>A database's routing table (from ROUTE): who routes, who reads, who writes, and until when that holds.</summary>
internal sealed class RoutingTable
{
    private int _next;

    public required IReadOnlyList<string> Routers { get; init; }
    public required IReadOnlyList<string> Readers { get; init; }
    public required IReadOnlyList<string> Writers { get; init; }
    public required DateTime Expires { get; init; }

    public bool IsFresh(AccessMode mode) => DateTime.UtcNow < Expires && (mode == AccessMode.Read ? Readers : Writers).Count > 0;

    /// <summary>The next server for <paramref name="mode"/> (round robin).</summary>
    public string Pick(AccessMode mode)
    {
        var servers = mode == AccessMode.Read ? Readers : Writers;
        if (servers.Count == 0) throw new ServiceUnavailableException($"The routing table names no server to {(mode == AccessMode.Read ? "read from" : "write to")}.");
        return servers[(int)((uint)Interlocked.Increment(ref _next) % (uint)servers.Count)];
    }

    /// <summary>Reads ROUTE's reply: <c>{rt: {ttl, db, servers: [{addresses, role}]}}</c>.</summary>
    public static RoutingTable Parse(IReadOnlyDictionary<string, object?> reply)
    {
        if (reply.GetValueOrDefault("rt") is not IReadOnlyDictionary<string, object?> rt || rt.GetValueOrDefault("servers") is not IReadOnlyList<object?> servers)
            throw new ServiceUnavailableException("The server's ROUTE reply has no routing table (rt.servers).");
        List<string> Role(string role) => servers.OfType<IReadOnlyDictionary<string, object?>>()
            .Where(s => s.GetValueOrDefault("role") as string == role)
            .SelectMany(s => s.GetValueOrDefault("addresses") as IReadOnlyList<object?> ?? [])
            .OfType<string>().ToList();
        var ttl = rt.GetValueOrDefault("ttl") as long? ?? 300;
        return new RoutingTable
        {
            Routers = Role("ROUTE"),
            Readers = Role("READ"),
            Writers = Role("WRITE"),
            Expires = DateTime.UtcNow.AddSeconds(Math.Clamp(ttl, 1, 86_400)),
        };
    }
}
