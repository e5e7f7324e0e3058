namespace Graph.Storage.Tests;

/// <summary>Small helpers shared by the storage tests.</summary>
internal static class StoreTestExtensions
{
    public static KeyValuePair<int, object>[] Props(this IGraphStore store, params (string Key, object Value)[] props)
    {
        var result = new KeyValuePair<int, object>[props.Length];
        for (var i = 0; i < props.Length; i++)
            result[i] = new(store.Tokens.GetOrCreatePropertyKey(props[i].Key), props[i].Value);
        return result;
    }

    public static int[] Labels(this IGraphStore store, params string[] labels) =>
        labels.Select(store.Tokens.GetOrCreateLabel).ToArray();

    public static int Key(this IGraphStore store, string key) => store.Tokens.GetOrCreatePropertyKey(key);
    public static int Label(this IGraphStore store, string label) => store.Tokens.GetOrCreateLabel(label);
    public static int Type(this IGraphStore store, string type) => store.Tokens.GetOrCreateRelationshipType(type);

    public static long CreateNode(this StorageTransaction tx, IGraphStore store, string label, params (string Key, object Value)[] props) =>
        tx.CreateNode(store.Labels(label), store.Props(props));

    public static T Write<T>(this IGraphStore store, Func<StorageTransaction, T> work)
    {
        using var tx = store.BeginTransaction(write: true);
        var result = work(tx);
        tx.Commit();
        return result;
    }

    public static T Read<T>(this IGraphStore store, Func<StorageTransaction, T> work)
    {
        using var tx = store.BeginTransaction(write: false);
        return work(tx);
    }

    public static IGraphStore InMemory() => GraphStore.Open(new StoreOptions { WriteLockTimeout = TimeSpan.FromSeconds(5) });
}

/// <summary>A fresh temporary directory per test, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "graph-storage-tests", Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
