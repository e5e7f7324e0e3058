using System.Security.Cryptography;
using System.Text;

namespace Graph.Engine;

/// <summary>
/// The identity of an embedded database as db.info() and SHOW DATABASES report it. The store keeps no identity record,
/// so the id is derived from the database's full path (stable across reopenings; a new random id for an in-memory
/// store) and the creation date is the directory's creation time as the file system reports it (the driver's start for
/// an in-memory store).
/// </summary>
public sealed record DatabaseInfo(string Id, string Name, DateTimeOffset CreationDate)
{
    internal static DatabaseInfo ForDirectory(string fullPath)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("embedded:" + fullPath)));
        DateTimeOffset created;
        try
        {
            created = new DateTimeOffset(Directory.GetCreationTimeUtc(fullPath), TimeSpan.Zero);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            created = DateTimeOffset.UtcNow;
        }
        return new DatabaseInfo(id, EngineInfo.DefaultDatabase, created);
    }

    internal static DatabaseInfo InMemory() =>
        new(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), EngineInfo.DefaultDatabase, DateTimeOffset.UtcNow);

    /// <summary>The creation date as db.info() returns it: ISO 8601 in UTC with milliseconds.</summary>
    public string CreationDateText => CreationDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
