using QuikGraph;

namespace Graph.Queries.Algorithms;

/// <summary>
/// Fewest-hop paths on an undirected QuikGraph graph, and Yen's k shortest loopless paths over them.
/// Ties are broken by expert id (neighbours are visited in ordinal order), so results are deterministic.
/// </summary>
public static class ShortestPaths
{
    /// <summary>Chains by length, then by their expert id sequence: the order every list of paths is shown in.</summary>
    public static IComparer<IReadOnlyList<string>> ChainOrder => PathOrder.Instance;

    public static IReadOnlyList<string>? Shortest<TEdge>(IUndirectedGraph<string, TEdge> graph, string source, string target)
        where TEdge : IEdge<string> =>
        Bfs(graph, source, target, new HashSet<string>(), new HashSet<(string, string)>());

    /// <summary>
    /// Every fewest-hop path (up to <paramref name="max"/>), in order of their id sequence: when several chains are
    /// equally short, none is "the" shortest, and a reader must see them all (their verdicts may differ).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> AllShortest<TEdge>(IUndirectedGraph<string, TEdge> graph, string source, string target, int max)
        where TEdge : IEdge<string>
    {
        var result = new List<IReadOnlyList<string>>();
        if (max <= 0 || !graph.ContainsVertex(source) || !graph.ContainsVertex(target)) return result;
        // Distances from the target, so that a walk from the source can follow strictly decreasing distance.
        var distance = new Dictionary<string, int>(StringComparer.Ordinal) { [target] = 0 };
        var queue = new Queue<string>([target]);
        while (queue.Count > 0 && !distance.ContainsKey(source))
        {
            var current = queue.Dequeue();
            foreach (var next in Neighbours(graph, current))
                if (distance.TryAdd(next, distance[current] + 1)) queue.Enqueue(next);
        }
        if (!distance.ContainsKey(source)) return result;
        var path = new List<string> { source };
        void Walk(string at)
        {
            if (result.Count >= max) return;
            if (at == target)
            {
                result.Add(path.ToList());
                return;
            }
            foreach (var next in Neighbours(graph, at).Where(n => distance.TryGetValue(n, out var d) && d == distance[at] - 1))
            {
                path.Add(next);
                Walk(next);
                path.RemoveAt(path.Count - 1);
            }
        }
        Walk(source);
        return result;
    }

    private static IEnumerable<string> Neighbours<TEdge>(IUndirectedGraph<string, TEdge> graph, string vertex)
        where TEdge : IEdge<string> =>
        graph.AdjacentEdges(vertex).Select(e => e.Source == vertex ? e.Target : e.Source).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Yen's algorithm: up to k loopless paths in order of length, then of their id sequence.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> KShortest<TEdge>(IUndirectedGraph<string, TEdge> graph, string source, string target, int k)
        where TEdge : IEdge<string>
    {
        var accepted = new List<IReadOnlyList<string>>();
        if (k <= 0) return accepted;
        var first = Shortest(graph, source, target);
        if (first is null) return accepted;
        accepted.Add(first);

        var candidates = new SortedSet<IReadOnlyList<string>>(PathOrder.Instance);
        while (accepted.Count < k)
        {
            var previous = accepted[^1];
            for (var i = 0; i < previous.Count - 1; i++)
            {
                var spur = previous[i];
                var root = previous.Take(i + 1).ToList();
                var removedEdges = new HashSet<(string, string)>();
                foreach (var path in accepted)
                    if (path.Count > i + 1 && path.Take(i + 1).SequenceEqual(root))
                        removedEdges.Add(EdgeKey(path[i], path[i + 1]));
                var removedNodes = new HashSet<string>(root.Take(i));
                var spurPath = Bfs(graph, spur, target, removedNodes, removedEdges);
                if (spurPath is null) continue;
                var total = root.Concat(spurPath.Skip(1)).ToList();
                if (!accepted.Any(p => p.SequenceEqual(total))) candidates.Add(total);
            }
            if (candidates.Count == 0) break;
            var best = candidates.Min!;
            candidates.Remove(best);
            accepted.Add(best);
        }
        return accepted;
    }

    private static List<string>? Bfs<TEdge>(IUndirectedGraph<string, TEdge> graph, string source, string target,
        HashSet<string> removedNodes, HashSet<(string, string)> removedEdges)
        where TEdge : IEdge<string>
    {
        if (!graph.ContainsVertex(source) || !graph.ContainsVertex(target) || removedNodes.Contains(source)) return null;
        var parent = new Dictionary<string, string?> { [source] = null };
        var queue = new Queue<string>();
        queue.Enqueue(source);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == target) break;
            var neighbours = graph.AdjacentEdges(current)
                .Select(e => e.Source == current ? e.Target : e.Source)
                .Where(n => !removedNodes.Contains(n) && !removedEdges.Contains(EdgeKey(current, n)))
                .Distinct()
                .Order(StringComparer.Ordinal);
            foreach (var next in neighbours)
            {
                if (parent.ContainsKey(next)) continue;
                parent[next] = current;
                queue.Enqueue(next);
            }
        }
        if (!parent.ContainsKey(target)) return null;
        var path = new List<string>();
        for (string? at = target; at is not null; at = parent[at]) path.Add(at);
        path.Reverse();
        return path;
    }

    private static (string, string) EdgeKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private sealed class PathOrder : IComparer<IReadOnlyList<string>>
    {
        public static readonly PathOrder Instance = new();

        public int Compare(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
            if (x.Count != y.Count) return x.Count.CompareTo(y.Count);
            for (var i = 0; i < x.Count; i++)
            {
                var c = string.CompareOrdinal(x[i], y[i]);
                if (c != 0) return c;
            }
            return 0;
        }
    }
}
