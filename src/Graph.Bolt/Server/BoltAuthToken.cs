namespace Graph.Bolt.Server;

/// <summary>What a client sent to log in (HELLO before Bolt 5.1, LOGON after): a scheme ("none", "basic", "bearer", ...) and its fields.</summary>
public sealed record BoltAuthToken(string Scheme, string? Principal, string? Credentials)
{
    public override string ToString() => $"{Scheme} {Principal}"; // never the credentials
}
