namespace Graph.Client;

/// <summary>Credentials were missing or wrong.</summary>
public class AuthenticationException(string message) : ClientException(Neo4jStatus.Unauthorized, message);
