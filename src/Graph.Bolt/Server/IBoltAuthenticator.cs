namespace Graph.Bolt.Server;

/// <summary>
/// Decides who may use the server. <c>graph serve</c> implements it with its user store, so Bolt and the Query API
/// know the same users and roles.
/// </summary>
public interface IBoltAuthenticator
{
    /// <summary>
    /// Returns who logged in, or throws a <see cref="Graph.Client.GraphException"/> to refuse
    /// (Neo.ClientError.Security.Unauthorized for bad credentials, ...).
    /// </summary>
    ValueTask<BoltUser> AuthenticateAsync(BoltAuthToken token, CancellationToken cancellationToken);
}
