namespace Graph.Web.Views;

/// <summary>
/// Where the experts stand between the paradigms. Each expert with stances is placed at the mean direction of its
/// signed paradigm scores, scaled by its strongest score: supporting a paradigm pulls towards its corner, opposing it
/// pushes towards the opposite side, and the centre means no leaning. Experts with no stance are listed in
/// <see cref="Unplaced"/>, never drawn near a paradigm. A paradigm's region is the disc of radius
/// <see cref="RegionRadius"/> around its corner.
/// </summary>
public sealed record AlignmentView(
    ViewHeader Header,
    double Radius,
    double RegionRadius,
    IReadOnlyList<AlignmentCorner> Paradigms,
    IReadOnlyList<ViewExpert> Experts,
    IReadOnlyList<ExpertRef> Unplaced,
    IReadOnlyList<LegendEntry> CommunityLegend,
    IReadOnlyList<LegendEntry> ParadigmLegend)
{
    public const double DefaultRadius = 300;

    /// <summary>Unit vectors of the paradigms (the first at the top, then clockwise), for <paramref name="count"/> paradigms.</summary>
    public static IReadOnlyList<Point> Directions(int count) =>
        Enumerable.Range(0, count).Select(i => -Math.PI / 2 + i * 2 * Math.PI / Math.Max(1, count))
            .Select(a => new Point(Math.Cos(a), Math.Sin(a))).ToList();

    /// <summary>
    /// The target of an expert with signed scores <paramref name="scores"/> (one per direction): the score-weighted
    /// mean direction, times the strongest score, times the radius. (0, 0) when every score is 0.
    /// </summary>
    public static Point Target(IReadOnlyList<double> scores, IReadOnlyList<Point> directions, double radius)
    {
        double x = 0, y = 0, total = 0, strongest = 0;
        for (var i = 0; i < scores.Count && i < directions.Count; i++)
        {
            x += scores[i] * directions[i].X;
            y += scores[i] * directions[i].Y;
            total += Math.Abs(scores[i]);
            strongest = Math.Max(strongest, Math.Abs(scores[i]));
        }
        return total == 0 ? new Point(0, 0) : new Point(radius * strongest * x / total, radius * strongest * y / total);
    }
}
