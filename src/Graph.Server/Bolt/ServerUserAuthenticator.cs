using System.Security.Cryptography;
using System.Text;
using Graph.Bolt.Server;
using Graph.Client;

namespace Graph.Server.Bolt;

/// <summary>Bolt logins against the users of <c>graph serve</c> (Server:Users), the same the Query API checks.</summary>
internal sealed class ServerUserAuthenticator(ServerOptions options) : IBoltAuthenticator
{
    public ValueTask<BoltUser> AuthenticateAsync(BoltAuthToken token, CancellationToken cancellationToken)
    {
        if (!options.AuthenticationEnabled) return ValueTask.FromResult(BoltUser.Anonymous);
        if (token.Scheme != "basic")
            throw new AuthenticationException(token.Scheme == "none"
                ? "Unsupported authentication token, scheme 'none' is only allowed when auth is disabled."
                : $"Unsupported authentication token, scheme '{token.Scheme}': this server accepts 'basic' (user name and password).");
        var user = options.Users.FirstOrDefault(u => u.Name == token.Principal);
        // Compare even when the user is unknown, so that timing does not tell which names exist.
        var expected = Encoding.UTF8.GetBytes(user?.Password ?? "\0no such user\0");
        var matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(token.Credentials ?? ""));
        if (user is null || !matches) throw new AuthenticationException("The client is unauthorized due to authentication failure.");
        var role = user.Role.ToString().ToLowerInvariant();
        return ValueTask.FromResult(new BoltUser(new SessionUser(user.Name, [role]), user.Role != ServerRole.Reader));
    }
}
