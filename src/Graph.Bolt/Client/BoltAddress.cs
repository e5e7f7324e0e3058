using Graph.Client;

namespace Graph.Bolt.Client;

/// <summary>How to reach a server: host and port, TLS mode, and whether the URI asked for routing (neo4j://).</summary>
public sealed record BoltAddress(string Host, int Port, BoltTls Tls, bool Routing)
{
    public const int DefaultPort = 7687;

    public string HostPort => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Reads bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// and neo4j+ssc:// URIs.</summary>
    public static BoltAddress Parse(Uri uri)
    {
        var (routing, tls) = uri.Scheme switch
        {
            "bolt" => (false, BoltTls.None),
            "bolt+s" => (false, BoltTls.Verified),
            "bolt+ssc" => (false, BoltTls.AnyCertificate),
            "neo4j" => (true, BoltTls.None),
            "neo4j+s" => (true, BoltTls.Verified),
            "neo4j+ssc" => (true, BoltTls.AnyCertificate),
            _ => throw new ClientException(Neo4jStatus.InvalidRequest,
                $"'{uri}' is not a Bolt URI: use bolt://, neo4j:// (or their +s / +ssc TLS forms), e.g. bolt://localhost:7687."),
        };
        if (string.IsNullOrEmpty(uri.Host)) throw new ClientException(Neo4jStatus.InvalidRequest, $"The Bolt URI '{uri}' names no host.");
        return new BoltAddress(uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, tls, routing);
    }

    /// <summary>An address from a routing table ("host:port"), with this address's TLS mode.</summary>
    public BoltAddress WithHostPort(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort.AsSpan(colon + 1), out var port))
            throw new ServiceUnavailableException($"The routing table names '{hostPort}', which is not host:port.");
        return this with { Host = hostPort[..colon].Trim('[', ']'), Port = port };
    }

    public override string ToString() => HostPort;
}
