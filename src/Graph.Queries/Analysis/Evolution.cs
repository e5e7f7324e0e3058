using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Queries.Analysis;

public static class Evolution
{
    /// <summary>At most this many windows: a step of a day over decades is a mistake, not a question.</summary>
    public const int MaxWindows = 400;

    /// <summary>The windows that cover [first, last]: each starts <paramref name="step"/> after the previous one.</summary>
    public static IReadOnlyList<TimeWindow> Windows(DateOnly first, DateOnly last, CalendarPeriod length, CalendarPeriod step)
    {
        var windows = new List<TimeWindow>();
        for (var start = first; start <= last; start = step.AddTo(start))
        {
            if (windows.Count == MaxWindows)
                throw new TimeWindowException($"--step {step} over {TimeWindow.Text(first)} to {TimeWindow.Text(last)} makes more than {MaxWindows} windows; use a longer --step or a shorter --from/--to range.");
            var end = length.AddTo(start).AddDays(-1);
            windows.Add(new TimeWindow(start, end > last ? last : end));
        }
        return windows;
    }

    public static EvolutionWindow Describe(TimeWindow window, DiscourseSnapshot snapshot, ClusterReport clusters, int contested, NetworkBound? bound = null)
    {
        var speakers = snapshot.Stances.Select(s => s.ExpertId).Distinct().Count();
        var pairs = snapshot.Ties.Select(t => (t.A, t.B)).Distinct().Count();
        var possible = speakers * (speakers - 1) / 2.0;
        return new EvolutionWindow(window, speakers, snapshot.Stances.Count, pairs, possible == 0 ? 0 : pairs / possible,
            clusters.Polarization.Count > 0 ? clusters.Polarization[0].Score : 0, clusters.Modularity, clusters.Clusters.Count,
            ContestedClaims.From(snapshot).Take(contested).ToList(), bound);
    }
}
