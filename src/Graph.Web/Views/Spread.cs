namespace Graph.Web.Views;

/// <summary>
/// Pushes overlapping circles apart while a weak spring keeps each near where it belongs, so that experts who share a
/// position form a visible blob instead of a single dot. Deterministic (fixed order, no randomness) and O(n) per
/// round through a grid of cells, so 5,000 experts relax in well under a second.
/// </summary>
public static class Spread
{
    public static Point[] Relax(IReadOnlyList<Point> targets, IReadOnlyList<double> radii, double gap = 3, int rounds = 80)
    {
        var n = targets.Count;
        var x = targets.Select(t => t.X).ToArray();
        var y = targets.Select(t => t.Y).ToArray();
        // Identical targets cannot be told apart by direction: start them on a small golden-angle spiral.
        var golden = Math.PI * (3 - Math.Sqrt(5));
        foreach (var same in Enumerable.Range(0, n).GroupBy(i => (Math.Round(x[i], 3), Math.Round(y[i], 3))))
        {
            var k = 0;
            foreach (var i in same)
            {
                var r = 0.8 * radii[i] * Math.Sqrt(k);
                x[i] += r * Math.Cos(k * golden);
                y[i] += r * Math.Sin(k * golden);
                k++;
            }
        }
        if (n < 2) return Enumerable.Range(0, n).Select(i => new Point(x[i], y[i])).ToArray();
        var cell = 2 * radii.Max() + gap;
        for (var round = 0; round < rounds; round++)
        {
            var grid = new Dictionary<(int, int), List<int>>();
            for (var i = 0; i < n; i++)
            {
                var key = ((int)Math.Floor(x[i] / cell), (int)Math.Floor(y[i] / cell));
                if (!grid.TryGetValue(key, out var list)) grid[key] = list = [];
                list.Add(i);
            }
            var moved = false;
            for (var i = 0; i < n; i++)
            {
                var (cx, cy) = ((int)Math.Floor(x[i] / cell), (int)Math.Floor(y[i] / cell));
                for (var gx = cx - 1; gx <= cx + 1; gx++)
                for (var gy = cy - 1; gy <= cy + 1; gy++)
                {
                    if (!grid.TryGetValue((gx, gy), out var others)) continue;
                    foreach (var j in others)
                    {
                        if (j <= i) continue;
                        var dx = x[j] - x[i];
                        var dy = y[j] - y[i];
                        var min = radii[i] + radii[j] + gap;
                        var d2 = dx * dx + dy * dy;
                        if (d2 >= min * min) continue;
                        var d = Math.Sqrt(d2);
                        if (d < 1e-6) (dx, dy, d) = (Math.Cos(i + j), Math.Sin(i + j), 1);
                        var push = (min - d) / 2 / d;
                        x[i] -= dx * push; y[i] -= dy * push;
                        x[j] += dx * push; y[j] += dy * push;
                        moved = true;
                    }
                }
            }
            // A weak pull back to the target keeps the blob centred where the experts belong.
            for (var i = 0; i < n; i++)
            {
                x[i] += (targets[i].X - x[i]) * 0.02;
                y[i] += (targets[i].Y - y[i]) * 0.02;
            }
            if (!moved) break;
        }
        return Enumerable.Range(0, n).Select(i => new Point(Math.Round(x[i], 1), Math.Round(y[i], 1))).ToArray();
    }

    /// <summary>Node radius for an activity, shrinking as the debate grows so that a big debate still fits.</summary>
    public static double Radius(int activity, int maxActivity, int experts)
    {
        var scale = experts <= 150 ? 1.0 : Math.Max(0.18, Math.Sqrt(150.0 / experts));
        return Math.Round(scale * (6 + 10 * Math.Sqrt(activity / (double)Math.Max(1, maxActivity))), 2);
    }
}
