using Graph.Client;

namespace Graph.Bolt.Server;

/// <summary>Who a connection runs for: the user its sessions carry (null with authentication off) and whether it may write.</summary>
public sealed record BoltUser(SessionUser? User, bool MayWrite)
{
    /// <summary>Authentication off: anyone, reading and writing.</summary>
    public static BoltUser Anonymous { get; } = new(null, true);
}
