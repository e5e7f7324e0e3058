using Graph.Queries.Model;

namespace Graph.Queries.Tests;

/// <summary>
/// A six-expert debate small enough to answer by hand. The expected values in the tests are computed from it
/// in comments; the same graph is built twice: as a <see cref="DiscourseSnapshot"/> (algorithms without the
/// engine) and as Cypher (the library end to end through the client contract).
///
/// Claims (paradigm alignments):
///   c1 "Borders must be controlled first"      topic security     supports securitization, opposes human-development
///   c2 "Migrants have rights whatever status"  topic rights       supports human-development, opposes securitization
///   c3 "Remittances benefit origin countries"  topic development  supports shared-benefits
///   c4 "Circular migration programmes help"    topic development  (unaligned)
/// Stances (E endorses, C criticizes):
///            c1 c2 c3 c4
///   ana      C  E  E
///   ben      C  E     E
///   cid      E  C  E
///   dan      E  C
///   eva            C
///   fay               E
/// Pairs (agreements a, disagreements d; n = claims each addresses):
///   ana-ben a2 d0 (c1,c2)   ana-cid a1 (c3) d2 (c1,c2)   ana-dan d2   ana-eva d1 (c3)
///   ben-cid d2              ben-dan d2                   ben-fay a1 (c4)
///   cid-dan a2              cid-eva d1 (c3)
///   n: ana 3, ben 3, cid 3, dan 2, eva 1, fay 1
/// Institutions: uni (ana, ben), lab PART_OF uni (cid).
/// </summary>
public static class SmallDebate
{
    public const string Ana = "ana-nunez", Ben = "ben-ortega", Cid = "cid-ortega-ruiz", Dan = "dan-schmidt", Eva = "eva-olsen", Fay = "fay-delgado";

    public static readonly (string Id, string Name, string[] Aliases, string[] Institutions)[] Experts =
    [
        (Ana, "Ana María Núñez", ["A. M. Nunez"], ["uni"]),
        (Ben, "Benjamín Ortega", [], ["uni"]),
        (Cid, "Cid Ortega Ruiz", [], ["lab"]),
        (Dan, "Daniel Schmidt", [], []),
        (Eva, "Eva Ølsen", [], []),
        (Fay, "Fay Raúl Delgado Wise", [], []),
    ];

    public static readonly (string Id, string Text, string Topic, (string Paradigm, int Sign)[] Paradigms)[] Claims =
    [
        ("c1", "Borders must be controlled first", "security", [("securitization", 1), ("human-development", -1)]),
        ("c2", "Migrants have rights whatever their status", "rights", [("human-development", 1), ("securitization", -1)]),
        ("c3", "Remittances benefit origin countries", "development", [("shared-benefits", 1)]),
        ("c4", "Circular migration programmes help", "development", []),
    ];

    public static readonly (string Expert, string Claim, Polarity Polarity)[] Stances =
    [
        (Ana, "c1", Polarity.Criticizes), (Ana, "c2", Polarity.Endorses), (Ana, "c3", Polarity.Endorses),
        (Ben, "c1", Polarity.Criticizes), (Ben, "c2", Polarity.Endorses), (Ben, "c4", Polarity.Endorses),
        (Cid, "c1", Polarity.Endorses), (Cid, "c2", Polarity.Criticizes), (Cid, "c3", Polarity.Endorses),
        (Dan, "c1", Polarity.Endorses), (Dan, "c2", Polarity.Criticizes),
        (Eva, "c3", Polarity.Criticizes),
        (Fay, "c4", Polarity.Endorses),
    ];

    public static readonly (string Id, string Name)[] Paradigms =
    [
        ("securitization", "Securitization"), ("shared-benefits", "Shared benefits"), ("human-development", "Human development"),
    ];

    public static string Quote(string expert, string claim) => $"{expert} on {claim}";

    public static DiscourseSnapshot Snapshot(bool withTies = true)
    {
        var snapshot = new DiscourseSnapshot(
            Experts.Select(e => new Expert(e.Id, e.Name, e.Aliases, "CL", ["speaker"], e.Institutions)),
            [
                new Institution("uni", "Universidad de Prueba", "UP", "university", "CL", null),
                new Institution("lab", "Laboratorio de Migración", null, "research-centre", "CL", "uni"),
            ],
            Paradigms.Select(p => new Paradigm(p.Id, p.Name, null)),
            Claims.Select(c => new Claim(c.Id, c.Text, c.Topic, c.Paradigms.Select(p => new ParadigmAlignment(p.Paradigm, p.Sign)).ToList())),
            Stances.Select(s => new Stance(s.Expert, s.Claim, s.Polarity, Quote(s.Expert, s.Claim), "II.A", 1.0)));
        if (!withTies) return snapshot;
        // The derived relationships exactly as ingestion stores them (once per pair, smaller id first).
        var network = Algorithms.SignedNetwork.FromStances(snapshot);
        var ties = network.Pairs.SelectMany(p => new[]
        {
            p.Agreements > 0 ? new ExpertTie(p.A, p.B, TieKind.Agreement, p.Agreements, p.AgreeClaims) : null,
            p.Disagreements > 0 ? new ExpertTie(p.A, p.B, TieKind.Disagreement, p.Disagreements, p.DisagreeClaims) : null,
        }).OfType<ExpertTie>();
        return new DiscourseSnapshot(snapshot.Experts.Values, snapshot.Institutions.Values, snapshot.Paradigms.Values,
            snapshot.Claims.Values, snapshot.Stances, ties);
    }

    /// <summary>The same graph as Cypher statements, including the derived AGREES_WITH / DISAGREES_WITH.</summary>
    public static IEnumerable<string> CypherStatements()
    {
        static string Lit(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
        static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Lit)) + "]";

        foreach (var p in Paradigms)
            yield return $"CREATE (:Paradigm {{id: {Lit(p.Id)}, name: {Lit(p.Name)}, source: 'test'}})";
        yield return "CREATE (:Institution {id: 'uni', name: 'Universidad de Prueba', acronym: 'UP', type: 'university', country: 'CL', source: 'test'})";
        yield return "CREATE (:Institution {id: 'lab', name: 'Laboratorio de Migración', type: 'research-centre', country: 'CL', source: 'test'})";
        yield return "MATCH (l:Institution {id: 'lab'}), (u:Institution {id: 'uni'}) CREATE (l)-[:PART_OF]->(u)";
        foreach (var e in Experts)
        {
            yield return $"CREATE (:Expert {{id: {Lit(e.Id)}, name: {Lit(e.Name)}, aliases: {List(e.Aliases)}, country: 'CL', roles: ['speaker'], source: 'test'}})";
            foreach (var i in e.Institutions)
                yield return $"MATCH (e:Expert {{id: {Lit(e.Id)}}}), (i:Institution {{id: {Lit(i)}}}) CREATE (e)-[:AFFILIATED_WITH {{role: 'member'}}]->(i)";
        }
        foreach (var c in Claims)
        {
            yield return $"CREATE (:Claim {{id: {Lit(c.Id)}, text: {Lit(c.Text)}, topic: {Lit(c.Topic)}, source: 'test'}})";
            foreach (var (paradigm, sign) in c.Paradigms)
                yield return $"MATCH (c:Claim {{id: {Lit(c.Id)}}}), (p:Paradigm {{id: {Lit(paradigm)}}}) CREATE (c)-[:ALIGNS_WITH {{sign: {sign}}}]->(p)";
        }
        foreach (var s in Stances)
        {
            var type = s.Polarity == Polarity.Endorses ? "ENDORSES" : "CRITICIZES";
            yield return $"MATCH (e:Expert {{id: {Lit(s.Expert)}}}), (c:Claim {{id: {Lit(s.Claim)}}}) " +
                         $"CREATE (e)-[:{type} {{quote: {Lit(Quote(s.Expert, s.Claim))}, source: 'test', section: 'II.A', confidence: 1.0}}]->(c)";
        }
        foreach (var tie in Snapshot().Ties)
        {
            var type = tie.Kind == TieKind.Agreement ? "AGREES_WITH" : "DISAGREES_WITH";
            yield return $"MATCH (a:Expert {{id: {Lit(tie.A)}}}), (b:Expert {{id: {Lit(tie.B)}}}) " +
                         $"CREATE (a)-[:{type} {{weight: {tie.Weight}, claims: {List(tie.Claims)}}}]->(b)";
        }
    }
}
