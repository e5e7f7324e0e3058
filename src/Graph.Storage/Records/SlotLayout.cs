namespace Graph.Storage.Records;

/// <summary>
/// Where the lists of a bulk commit's types sit among a node's slots in <see cref="CreatedByEndpoint"/>'s tables: an
/// outgoing and an incoming list per type, and a list of self-loops only for the types that have any in the commit.
/// At a million nodes each slot costs two ints per node (8 MB per million), and loops are rare: a load with five
/// types and none takes 10 slots per node instead of 15.
/// </summary>
internal sealed class SlotLayout
{
    public const int Outgoing = 0;
    public const int Incoming = 1;
    public const int Loops = 2;
    private const int ListsPerType = 3;

    /// <summary>Per type and list (type * 3 + list): its slot among the node's, or -1 when the type has no such list.</summary>
    private readonly int[] _slotOfList;
    /// <summary>Per slot of a node: whether it holds self-loops (one int per entry, not a pair).</summary>
    private readonly bool[] _holdsLoops;

    /// <param name="typeHasLoops">Per type slot of the commit: whether any of its relationships is a self-loop.</param>
    public SlotLayout(bool[] typeHasLoops)
    {
        _slotOfList = new int[typeHasLoops.Length * ListsPerType];
        var slots = new List<bool>();
        for (var t = 0; t < typeHasLoops.Length; t++)
        {
            for (var list = 0; list < ListsPerType; list++)
            {
                if (list == Loops && !typeHasLoops[t])
                {
                    _slotOfList[t * ListsPerType + list] = -1;
                    continue;
                }
                _slotOfList[t * ListsPerType + list] = slots.Count;
                slots.Add(list == Loops);
            }
        }
        _holdsLoops = slots.ToArray();
    }

    public int SlotsPerNode => _holdsLoops.Length;

    /// <summary>The slot of a list the layout has (the caller knows it exists: every type has both directions).</summary>
    public long Slot(long node, int type, int list) => node * _holdsLoops.Length + _slotOfList[type * ListsPerType + list];

    /// <summary>The slot of a list, or -1 when the layout has none for it (a type's self-loops when it has none).</summary>
    public long SlotOrNone(long node, int type, int list)
    {
        var slot = _slotOfList[type * ListsPerType + list];
        return slot < 0 ? -1 : node * _holdsLoops.Length + slot;
    }

    /// <summary>Ints per entry of the list in slot <paramref name="index"/> of a node (0 ≤ index &lt; SlotsPerNode): 1 for self-loops, else 2.</summary>
    public int IntsPerEntry(int index) => _holdsLoops[index] ? 1 : 2;
}
