using Quickenshtein;

namespace Graph.Core.Diagnostics;

/// <summary>"Did you mean ...?" hints for misspelled field names, ids and enum values.</summary>
public static class Suggestions
{
    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Levenshtein.GetDistance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Allow roughly one typo per three characters; beyond that a suggestion is noise.
        return best is not null && bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or "".</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } match ? $" (did you mean '{match}'?)" : "";
}
