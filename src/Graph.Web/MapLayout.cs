namespace Graph.Web;

public readonly record struct Point(double X, double Y);

/// <summary>An expert to place: its paradigm leanings in [-1, 1] (paradigm order as given to the layout) and its cluster.</summary>
public sealed record LayoutExpert(string Id, IReadOnlyList<double> Leanings, int Cluster);

public sealed record LayoutEdge(string Source, string Target, double Weight, bool Agreement);

/// <summary>
/// A deterministic layout of the paradigm map: the paradigms are fixed anchors on a triangle; each expert starts at
/// the barycentre of the paradigms it leans towards, then (for maps small enough to afford it) a seeded
/// force-directed pass pulls agreeing experts together and pushes disagreeing ones apart. The same input and seed
/// always give the same picture, which the SVG export and the tests rely on.
/// </summary>
public static class MapLayout
{
    /// <summary>Above this many experts the O(n²) force pass is skipped; the barycentric spiral placement stays legible.</summary>
    public const int ForceLayoutLimit = 1500;

    public const int DefaultSeed = 7;

    public static (IReadOnlyList<Point> Anchors, IReadOnlyDictionary<string, Point> Experts) Compute(
        int paradigmCount, IReadOnlyList<LayoutExpert> experts, IReadOnlyList<LayoutEdge> edges, int seed)
    {
        var radius = 300 + 30 * Math.Sqrt(experts.Count);
        var anchors = Enumerable.Range(0, paradigmCount)
            .Select(i => Polar(radius, -Math.PI / 2 + i * 2 * Math.PI / Math.Max(1, paradigmCount)))
            .ToList();

        var positions = Barycentric(anchors, experts, radius, seed);
        if (experts.Count <= ForceLayoutLimit) Relax(positions, anchors, experts, edges, radius, seed);
        return (anchors, experts.Select((e, i) => (e.Id, positions[i])).ToDictionary(x => x.Id, x => x.Item2));
    }

    private static Point Polar(double r, double angle) => new(r * Math.Cos(angle), r * Math.Sin(angle));

    /// <summary>Barycentre of the positively held paradigms, spread on a sunflower spiral within each crowded spot.</summary>
    private static Point[] Barycentric(List<Point> anchors, IReadOnlyList<LayoutExpert> experts, double radius, int seed)
    {
        var bases = experts.Select(e =>
        {
            double x = 0, y = 0, total = 0;
            for (var p = 0; p < anchors.Count && p < e.Leanings.Count; p++)
            {
                var w = Math.Max(0, e.Leanings[p]);
                x += w * anchors[p].X;
                y += w * anchors[p].Y;
                total += w;
            }
            return total > 0 ? new Point(0.7 * x / total, 0.7 * y / total) : new Point(0, 0);
        }).ToArray();

        var cell = radius / 6;
        var golden = Math.PI * (3 - Math.Sqrt(5));
        var turn = new Random(seed).NextDouble() * 2 * Math.PI;
        var result = new Point[experts.Count];
        foreach (var spot in Enumerable.Range(0, experts.Count)
                     .GroupBy(i => (Math.Round(bases[i].X / cell), Math.Round(bases[i].Y / cell))))
        {
            var ordered = spot.OrderBy(i => experts[i].Cluster).ThenBy(i => experts[i].Id, StringComparer.Ordinal).ToList();
            var centre = new Point(spot.Key.Item1 * cell, spot.Key.Item2 * cell);
            for (var k = 0; k < ordered.Count; k++)
            {
                var r = 26 * Math.Sqrt(k + 0.5);
                result[ordered[k]] = new Point(centre.X + r * Math.Cos(turn + k * golden), centre.Y + r * Math.Sin(turn + k * golden));
            }
        }
        return result;
    }

    /// <summary>Fruchterman-Reingold with fixed paradigm anchors, agreement springs and disagreement repulsion.</summary>
    private static void Relax(Point[] positions, List<Point> anchors, IReadOnlyList<LayoutExpert> experts, IReadOnlyList<LayoutEdge> edges, double radius, int seed)
    {
        var n = positions.Length;
        if (n < 2) return;
        var index = experts.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var springs = edges.Where(e => index.ContainsKey(e.Source) && index.ContainsKey(e.Target))
            .Select(e => (A: index[e.Source], B: index[e.Target], W: Math.Log(1 + e.Weight), e.Agreement)).ToList();
        var k = 1.2 * radius / Math.Sqrt(n + anchors.Count);
        var random = new Random(seed);
        var x = positions.Select(p => p.X + random.NextDouble() - 0.5).ToArray();
        var y = positions.Select(p => p.Y + random.NextDouble() - 0.5).ToArray();
        var dx = new double[n];
        var dy = new double[n];
        var temperature = radius / 4;
        const int iterations = 120;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(dx);
            Array.Clear(dy);
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var ddx = x[i] - x[j];
                    var ddy = y[i] - y[j];
                    var d2 = Math.Max(ddx * ddx + ddy * ddy, 0.01);
                    var f = k * k / d2;
                    dx[i] += ddx * f; dy[i] += ddy * f;
                    dx[j] -= ddx * f; dy[j] -= ddy * f;
                }
                // Each expert is pulled towards the paradigms it leans to.
                for (var p = 0; p < anchors.Count && p < experts[i].Leanings.Count; p++)
                {
                    var lean = experts[i].Leanings[p];
                    if (lean <= 0) continue;
                    var ddx = anchors[p].X - x[i];
                    var ddy = anchors[p].Y - y[i];
                    var d = Math.Sqrt(ddx * ddx + ddy * ddy);
                    dx[i] += ddx * d / k * 0.15 * lean;
                    dy[i] += ddy * d / k * 0.15 * lean;
                }
            }
            foreach (var (a, b, w, agreement) in springs)
            {
                var ddx = x[a] - x[b];
                var ddy = y[a] - y[b];
                var d = Math.Max(Math.Sqrt(ddx * ddx + ddy * ddy), 0.1);
                var f = agreement ? -d / k * 0.5 * w : k * k / (d * d) * w; // attract allies, repel opponents
                dx[a] += ddx * f; dy[a] += ddy * f;
                dx[b] -= ddx * f; dy[b] -= ddy * f;
            }
            for (var i = 0; i < n; i++)
            {
                var length = Math.Sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (length < 1e-9) continue;
                var step = Math.Min(length, temperature) / length;
                x[i] += dx[i] * step;
                y[i] += dy[i] * step;
                // Stay within the paradigm triangle's circle.
                var r = Math.Sqrt(x[i] * x[i] + y[i] * y[i]);
                if (r > radius * 1.1) { x[i] *= radius * 1.1 / r; y[i] *= radius * 1.1 / r; }
            }
            temperature *= 0.96;
        }
        for (var i = 0; i < n; i++) positions[i] = new Point(Math.Round(x[i], 1), Math.Round(y[i], 1));
    }
}
