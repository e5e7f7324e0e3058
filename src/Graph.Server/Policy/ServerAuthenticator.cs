using System.Net;
using System.Security.Cryptography;
using System.Text;
using Graph.Client;

namespace Graph.Server.Policy;

/// <summary>
/// The one login check of <c>graph serve</c>, for the Query API, the web view and Bolt alike: a name and a password
/// from a client address, compared in constant time against Server:Users, behind the shared <see cref="LoginThrottle"/>,
/// so that guesses over one protocol count for the other.
/// </summary>
internal sealed class ServerAuthenticator(ServerOptions options, LoginThrottle throttle)
{
    /// <summary>The user, or null when authentication is off.</summary>
    /// <exception cref="LoginRateLimitedException">The name or the address is locked; the password was not looked at.</exception>
    /// <exception cref="AuthenticationException">Unknown name or wrong password (one answer for both).</exception>
    public ServerUser? Authenticate(string name, string password, IPAddress? address)
    {
        if (!options.AuthenticationEnabled) return null;
        // A locked name or address is refused before the password is looked at, so guessing learns nothing meanwhile.
        if (throttle.LockedFor(name, address) is { } wait)
            throw new LoginRateLimitedException(
                $"The client has provided incorrect authentication details too many times in a row. Try again in {Math.Ceiling(wait.TotalSeconds):0} s " +
                $"(Server:MaxFailedLogins {options.MaxFailedLogins}, Server:LoginLockTime {options.LoginLockTime.TotalSeconds:0.#} s).", wait);

        var user = options.Users.FirstOrDefault(u => u.Name == name);
        // Compare even when the user is unknown, so that timing does not tell which names exist.
        var expected = Encoding.UTF8.GetBytes(user?.Password ?? "\0no such user\0");
        var matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(password));
        if (user is null || !matches)
        {
            throttle.Failed(name, address);
            throw new AuthenticationException("Invalid username or password.");
        }
        throttle.Succeeded(name, address);
        return user;
    }
}
