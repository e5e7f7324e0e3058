namespace Graph.Bolt.Protocol;

/// <summary>The peer broke the protocol (framing, handshake, a message where none is allowed): the connection cannot go on.</summary>
public sealed class BoltProtocolException(string message) : Exception(message);
