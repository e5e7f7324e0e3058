using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>What one statement allocates, for tests that bound a plan's bytes per row.</summary>
internal static class StatementAllocations
{
    /// <summary>
    /// Bytes this thread allocates running <paramref name="query"/> once more after a first run (which plans it); both
    /// runs must return <paramref name="rows"/> records.
    /// </summary>
    public static async Task<long> OfRerun(IAsyncSession session, string query, int rows)
    {
        Assert.Equal(rows, (await session.RunAsync(query)).Records.Count);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = await session.RunAsync(query); // RunAsync finishes within the call, on this thread
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(rows, result.Records.Count);
        return bytes;
    }
}
