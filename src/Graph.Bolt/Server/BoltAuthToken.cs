using System.Net;

namespace Graph.Bolt.Server;

/// <summary>
/// What a client sent to log in (HELLO before Bolt 5.1, LOGON after): a scheme ("none", "basic", "bearer", ...) and
/// its fields, with the address the connection comes from (for throttling failed logins per address).
/// </summary>
public sealed record BoltAuthToken(string Scheme, string? Principal, string? Credentials, IPAddress? ClientAddress = null)
{
    public override string ToString() => $"{Scheme} {Principal}"; // never the credentials
}
