namespace Graph.Bolt.Protocol;

/// <summary>A Bolt protocol version and what it changed that this implementation cares about.</summary>
public readonly record struct BoltVersion(int Major, int Minor) : IComparable<BoltVersion>
{
    public static readonly BoltVersion V4_4 = new(4, 4);
    public static readonly BoltVersion V5_0 = new(5, 0);
    public static readonly BoltVersion V5_1 = new(5, 1);
    public static readonly BoltVersion V5_2 = new(5, 2);
    public static readonly BoltVersion V5_4 = new(5, 4);
    public static readonly BoltVersion V5_6 = new(5, 6);
    public static readonly BoltVersion V5_7 = new(5, 7);
    public static readonly BoltVersion V5_8 = new(5, 8);

    /// <summary>
    /// What we speak, newest first: Neo4j 5.26's set (5.5 was never negotiated by any server). 5.8 is the newest
    /// 5.x that the official 6.x drivers offer; they offer 6.x only through the manifest handshake.
    /// </summary>
    public static readonly IReadOnlyList<BoltVersion> Supported =
        [V5_8, V5_7, V5_6, V5_4, new(5, 3), V5_2, V5_1, V5_0, V4_4];

    /// <summary>Nodes and relationships carry element ids (5.0+).</summary>
    public bool HasElementIds => this >= V5_0;

    /// <summary>HELLO carries no credentials; LOGON/LOGOFF exist (5.1+).</summary>
    public bool HasLogon => this >= V5_1;

    /// <summary>Summaries carry GQL status objects ("statuses") instead of "notifications" (5.6+).</summary>
    public bool HasStatuses => this >= V5_6;

    /// <summary>FAILURE carries gql_status, description, neo4j_code and diagnostic_record (5.7+).</summary>
    public bool HasGqlErrors => this >= V5_7;

    /// <summary>BEGIN and RUN successes name the database they resolved when the client named none (5.8+).</summary>
    public bool ReportsResolvedDatabase => this >= V5_8;

    /// <summary>The 4-byte form used in the handshake: 00 00 minor major.</summary>
    public uint Encoded => (uint)((Minor << 8) | Major);

    public int CompareTo(BoltVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator >=(BoltVersion a, BoltVersion b) => a.CompareTo(b) >= 0;
    public static bool operator <=(BoltVersion a, BoltVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >(BoltVersion a, BoltVersion b) => a.CompareTo(b) > 0;
    public static bool operator <(BoltVersion a, BoltVersion b) => a.CompareTo(b) < 0;

    public override string ToString() => $"{Major}.{Minor}";
}
