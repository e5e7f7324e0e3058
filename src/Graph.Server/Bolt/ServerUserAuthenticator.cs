using Graph.Bolt.Server;
using Graph.Client;
using Graph.Server.Policy;

namespace Graph.Server.Bolt;

/// <summary>
/// Bolt logins through the server's one login check (<see cref="ServerAuthenticator"/>): the same users, the same
/// comparison and the same throttle as the Query API, keyed by the name and the client's address.
/// </summary>
internal sealed class ServerUserAuthenticator(ServerOptions options, ServerAuthenticator authenticator) : IBoltAuthenticator
{
    public ValueTask<BoltUser> AuthenticateAsync(BoltAuthToken token, CancellationToken cancellationToken)
    {
        if (!options.AuthenticationEnabled) return ValueTask.FromResult(BoltUser.Anonymous);
        if (token.Scheme != "basic")
            throw new AuthenticationException(token.Scheme == "none"
                ? "Unsupported authentication token, scheme 'none' is only allowed when auth is disabled."
                : $"Unsupported authentication token, scheme '{token.Scheme}': this server accepts 'basic' (user name and password).");
        ServerUser user;
        try
        {
            user = authenticator.Authenticate(token.Principal ?? "", token.Credentials ?? "", token.ClientAddress)!;
        }
        catch (AuthenticationException)
        {
            // Neo4j's words over Bolt (the Query API says "Invalid username or password.").
            throw new AuthenticationException("The client is unauthorized due to authentication failure.");
        }
        return ValueTask.FromResult(new BoltUser(new SessionUser(user.Name, [user.RoleName]), user.Role != ServerRole.Reader));
    }
}
