using Graph.Client;

namespace Graph.Server.Policy;

/// <summary>A login refused because its name or address is locked after repeated failures (Neo.ClientError.Security.AuthenticationRateLimit).</summary>
public sealed class LoginRateLimitedException(string message, TimeSpan retryAfter) : ClientException(Neo4jStatus.AuthenticationRateLimit, message)
{
    /// <summary>How long until the lock ends (HTTP sends it as Retry-After).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
