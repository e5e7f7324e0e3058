namespace Graph.Bolt.PackStream;

/// <summary>The bytes are not valid PackStream (or not what the protocol allows at that place).</summary>
public sealed class PackStreamException(string message) : Exception(message);
