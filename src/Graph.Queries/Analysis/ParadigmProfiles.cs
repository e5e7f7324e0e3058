using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

public static class ParadigmProfiles
{
    /// <summary>Aggregates drivers into one score per paradigm (every paradigm listed, even without drivers).</summary>
    public static ParadigmProfile Build(string subjectId, string name, string kind, IReadOnlyList<string> experts,
        IEnumerable<Paradigm> paradigms, IEnumerable<ProfileDriver> drivers)
    {
        var byParadigm = drivers.GroupBy(d => d.ParadigmId).ToDictionary(g => g.Key, g => g.ToList());
        var scores = paradigms.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p =>
        {
            var list = byParadigm.GetValueOrDefault(p.Id) ?? [];
            return new ParadigmScore(p.Id, p.Name, list.Sum(d => d.Contribution), list.Count, list);
        }).ToList();
        return new ParadigmProfile(subjectId, name, kind, experts, scores);
    }

    /// <summary>The drivers of the given experts, from a snapshot (what cypher/queries/profile-contributions.cypher returns).</summary>
    public static IEnumerable<ProfileDriver> DriversFrom(DiscourseSnapshot snapshot, IEnumerable<string> expertIds) =>
        from expert in expertIds.Order(StringComparer.Ordinal)
        from stance in snapshot.StancesOf(expert).Values.SelectMany(s => s)
        let claim = snapshot.Claims[stance.ClaimId]
        from alignment in claim.Paradigms
        orderby expert, alignment.ParadigmId, claim.Id
        select new ProfileDriver(expert, alignment.ParadigmId, claim.Id, stance.Polarity, alignment.Sign, stance.Quote);

    public static ParadigmProfile ForExpert(DiscourseSnapshot snapshot, string expertId) =>
        Build(expertId, snapshot.NameOf(expertId), "expert", [expertId], snapshot.Paradigms.Values, DriversFrom(snapshot, [expertId]));

    /// <summary>An institution's profile pools the stances of its experts (including those of institutions PART_OF it).</summary>
    public static ParadigmProfile ForInstitution(DiscourseSnapshot snapshot, string institutionId)
    {
        var members = snapshot.MembersOf(institutionId);
        return Build(institutionId, snapshot.Institutions[institutionId].Name, "institution", members,
            snapshot.Paradigms.Values, DriversFrom(snapshot, members));
    }
}
