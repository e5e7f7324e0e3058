using System.Security.Cryptography;
using System.Text;
using Graph.Client;
using StatusCodes = Graph.Client.StatusCodes;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>
/// HTTP basic authentication against the configured users, with the error bodies Neo4j documents
/// ("No authentication header supplied.", "Invalid username or password.", "Invalid authentication header.").
/// </summary>
internal sealed class BasicAuthentication(ServerOptions options)
{
    /// <summary>The authenticated user; null when authentication is off.</summary>
    public ServerUser? Authenticate(HttpRequest request)
    {
        if (!options.AuthenticationEnabled) return null;
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
            throw new QueryApiProblem(401, StatusCodes.Unauthorized, "No authentication header supplied.");
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            throw new QueryApiProblem(401, StatusCodes.Unauthorized, "Unsupported authentication scheme: this server accepts Basic authentication only.");

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            throw new QueryApiProblem(401, StatusCodes.InvalidFormat, "Invalid authentication header.");
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0) throw new QueryApiProblem(401, StatusCodes.InvalidFormat, "Invalid authentication header.");
        var name = decoded[..colon];
        var password = decoded[(colon + 1)..];

        var user = options.Users.FirstOrDefault(u => u.Name == name);
        // Compare even when the user is unknown, so that timing does not tell which names exist.
        var expected = Encoding.UTF8.GetBytes(user?.Password ?? "\0no such user\0");
        var matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(password));
        if (user is null || !matches)
            throw new QueryApiProblem(401, StatusCodes.Unauthorized, "Invalid username or password.");
        return user;
    }
}
