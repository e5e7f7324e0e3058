using System.Security.Cryptography;
using System.Text;
using Neo4jStatus = Graph.Client.Neo4jStatus;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>
/// HTTP basic authentication against the configured users, with the error bodies Neo4j documents
/// ("No authentication header supplied.", "Invalid username or password.", "Invalid authentication header.")
/// and its lock after repeated failures (Neo.ClientError.Security.AuthenticationRateLimit).
/// </summary>
internal sealed class BasicAuthentication(ServerOptions options, LoginThrottle throttle)
{
    /// <summary>The authenticated user; null when authentication is off.</summary>
    public ServerUser? Authenticate(HttpRequest request)
    {
        if (!options.AuthenticationEnabled) return null;
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
            throw new QueryApiProblem(401, Neo4jStatus.Unauthorized, "No authentication header supplied.");
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            throw new QueryApiProblem(401, Neo4jStatus.Unauthorized, "Unsupported authentication scheme: this server accepts Basic authentication only.");

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new QueryApiProblem(401, Neo4jStatus.InvalidFormat, "Invalid authentication header.");
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0) throw new QueryApiProblem(401, Neo4jStatus.InvalidFormat, "Invalid authentication header.");
        var name = decoded[..colon];
        var password = decoded[(colon + 1)..];
        var address = request.HttpContext.Connection.RemoteIpAddress;

        // A locked name or address is refused before the password is looked at, so guessing learns nothing meanwhile.
        if (throttle.LockedFor(name, address) is { } wait)
            throw new QueryApiProblem(429, Neo4jStatus.AuthenticationRateLimit,
                $"The client has provided incorrect authentication details too many times in a row. Try again in {Math.Ceiling(wait.TotalSeconds):0} s " +
                $"(Server:MaxFailedLogins {options.MaxFailedLogins}, Server:LoginLockTime {options.LoginLockTime.TotalSeconds:0.#} s).")
            { RetryAfter = wait };

        var user = options.Users.FirstOrDefault(u => u.Name == name);
        // Compare even when the user is unknown, so that timing does not tell which names exist.
        var expected = Encoding.UTF8.GetBytes(user?.Password ?? "\0no such user\0");
        var matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(password));
        if (user is null || !matches)
        {
            throttle.Failed(name, address);
            throw new QueryApiProblem(401, Neo4jStatus.Unauthorized, "Invalid username or password.");
        }
        throttle.Succeeded(name, address);
        return user;
    }
}
