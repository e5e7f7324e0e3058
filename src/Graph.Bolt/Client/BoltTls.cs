namespace Graph.Bolt.Client;

/// <summary>TLS on a Bolt connection.</summary>
public enum BoltTls
{
    None,
    /// <summary>+s: the certificate must be valid for the host.</summary>
    Verified,
    /// <summary>+ssc: any certificate is accepted (self-signed servers).</summary>
    AnyCertificate,
}
