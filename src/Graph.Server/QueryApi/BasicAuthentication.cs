using System.Text;
using Graph.Client;
using Graph.Server.Policy;
using Microsoft.AspNetCore.Http;

namespace Graph.Server.QueryApi;

/// <summary>
/// HTTP basic authentication through the server's one login check (<see cref="ServerAuthenticator"/>, shared with
/// Bolt), with the error bodies Neo4j documents ("No authentication header supplied.", "Invalid username or password.",
/// "Invalid authentication header.") and its lock after repeated failures (429 Neo.ClientError.Security.AuthenticationRateLimit).
/// </summary>
internal sealed class BasicAuthentication(ServerOptions options, ServerAuthenticator authenticator)
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
        try
        {
            return authenticator.Authenticate(decoded[..colon], decoded[(colon + 1)..], request.HttpContext.Connection.RemoteIpAddress);
        }
        catch (LoginRateLimitedException e)
        {
            throw new QueryApiProblem(429, e.Code, e.Message) { RetryAfter = e.RetryAfter };
        }
        catch (AuthenticationException e)
        {
            throw new QueryApiProblem(401, e.Code, e.Message);
        }
    }
}
