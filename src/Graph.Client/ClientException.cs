namespace Graph.Client;

/// <summary>The request or statement was wrong; retrying it unchanged fails again.</summary>
public class ClientException(string code, string message, Exception? inner = null) : GraphException(code, message, inner);
