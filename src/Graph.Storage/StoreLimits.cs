namespace Graph.Storage;

/// <summary>Hard limits of the store's layout.</summary>
public static class StoreLimits
{
    /// <summary>
    /// Node ids and relationship ids each stay below this (2^31 - 1): adjacency and the relationship columns hold them
    /// as 32-bit ints, half the memory of longs. Ids are never reused while a store is open, so this counts every node
    /// (relationship) ever created since the store was last opened, plus those it held then.
    /// </summary>
    public const long MaxIds = int.MaxValue;

    /// <summary>The refusal for a store that would pass <see cref="MaxIds"/> <paramref name="what"/> ids.</summary>
    internal static StoreLimitException Reached(string what, long needed) =>
        new($"The store cannot hold {needed:N0} {what} ids: this version holds at most {MaxIds:N0} node ids and as many relationship ids "
            + "(32-bit ids in adjacency and relationship columns). Split the data into several databases.");
}
