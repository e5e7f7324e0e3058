namespace Graph.Bolt.Server;

/// <summary>Authentication off: every token is accepted and may read and write (as Neo4j with dbms.security.auth_enabled=false).</summary>
public sealed class OpenAuthenticator : IBoltAuthenticator
{
    public static OpenAuthenticator Instance { get; } = new();

    public ValueTask<BoltUser> AuthenticateAsync(BoltAuthToken token, CancellationToken cancellationToken) => ValueTask.FromResult(BoltUser.Anonymous);
}
