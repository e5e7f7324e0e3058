using Graph.Storage.Records;

namespace Graph.Storage.Transactions;

/// <summary>
/// The readers of one committed version (see <see cref="ReaderRegistry"/>): a count changed with Interlocked, so a read
/// transaction registers and leaves without a lock. A new epoch is made per commit and never reused, so a reader that
/// finds an epoch still current after counting itself in knows it was counted before any later commit looked.
/// </summary>
internal sealed class ReaderEpoch(long version, Schema schema)
{
    /// <summary>The committed version its readers read.</summary>
    public readonly long Version = version;

    /// <summary>The schema as of <see cref="Version"/>.</summary>
    public readonly Schema Schema = schema;

    /// <summary>Readers counted at this version (briefly also one that is about to find the epoch retired and leave again).</summary>
    public int Readers;
}
