namespace Graph.Web.Exports;

/// <summary>
/// Greedy label placement: in priority order, each label tries the right, left, top and bottom of its circle and
/// takes the first spot that overlaps no placed label or obstacle and stays in bounds; a label with no free spot is
/// hidden (the web view shows it on hover). The web view does the same in the browser with measured text.
/// </summary>
public static class LabelPlacer
{
    public static IReadOnlyList<PlacedLabel> Place(IEnumerable<LabelCandidate> candidates, IEnumerable<Box> obstacles, Box bounds, int max = 400)
    {
        var taken = obstacles.ToList();
        var placed = new List<PlacedLabel>();
        foreach (var c in candidates.OrderByDescending(c => c.Priority).ThenBy(c => c.Text, StringComparer.Ordinal))
        {
            if (placed.Count >= max) break;
            var width = TextMeasure.Width(c.Text, c.Size, c.Bold);
            var height = 1.25 * c.Size;
            Box[] spots =
            [
                new(c.X + c.R + 3, c.Y - height / 2, width, height),
                new(c.X - c.R - 3 - width, c.Y - height / 2, width, height),
                new(c.X - width / 2, c.Y - c.R - 2 - height, width, height),
                new(c.X - width / 2, c.Y + c.R + 2, width, height),
            ];
            foreach (var spot in spots)
            {
                if (!spot.Inside(bounds) || taken.Any(t => t.Overlaps(spot))) continue;
                taken.Add(spot);
                placed.Add(new PlacedLabel(c.Text, spot, c.Size, c.Bold));
                break;
            }
        }
        return placed;
    }
}
