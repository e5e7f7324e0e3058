using Graph.Core.Agreement;

namespace Graph.Core.Tests;

/// <summary>
/// Agreement statistics, checked against values computed by hand. The codings are those of the fictional
/// Harbour Forum 2019 (tests/Fixtures/harbour-forum): Rosa Vidal coded six units, Paul Okafor five.
///
/// Matched units (each of Paul's passages overlaps exactly one of Rosa's), as (Rosa | Paul):
///   U1 marta / open-ports / endorses      | marta / open-ports / endorses
///   U2 tomas / open-ports / criticizes    | tomas / open-ports / criticizes   (Paul's passage is shorter)
///   U3 lucia / seasonal   / endorses      | lucia / seasonal   / endorses
///   U4 ivan  / seasonal   / criticizes    | ivan  / seasonal   / endorses     (polarity differs)
///   U5 marta / remittances / endorses     | tomas / remittances / endorses    (expert differs)
///   Rosa only: lucia / common-registry / endorses.
///
/// Expert (5 units, 4 agree, p_o = 0.8). Rosa: marta 2, tomas 1, lucia 1, ivan 1; Paul: marta 1, tomas 2, lucia 1,
///   ivan 1. Kappa: p_e = .4·.2 + .2·.4 + .2·.2 + .2·.2 = .24, κ = (.8 − .24)/(1 − .24) = .56/.76 = 0.736842.
///   Alpha: n = 10 values: marta 3, tomas 3, lucia 2, ivan 2; Σ_{c≠k} n_c n_k = 100 − (9+9+4+4) = 74; one
///   disagreeing unit gives o = 2; α = 1 − (n − 1)·2/74 = 1 − 18/74 = 0.756757.
/// Claim (all 5 agree). p_e = .4² + .4² + .2² = .36, κ = (1 − .36)/(1 − .36) = 1; α = 1 − 9·0/… = 1.
/// Polarity (4 of 5 agree). Rosa: endorses 3, criticizes 2; Paul: endorses 4, criticizes 1. p_e = .6·.8 + .4·.2
///   = .56, κ = (.8 − .56)/.44 = 0.545455. Alpha: endorses 7, criticizes 3; Σ_{c≠k} = 2·7·3 = 42;
///   α = 1 − 9·2/42 = 0.571429.
/// Unitizing: passage lengths (characters of the normalized text) Rosa 49 + 55 + 60 + 68 + 43 + 49 = 324, Paul
///   49 + 26 + 60 + 68 + 43 = 246, all inside Rosa's: both 246, either 324, overlap 246/324 = 0.759259.
/// </summary>
public sealed class AgreementTests
{
    private static List<(string, string)> Units(string a, string b) => a.Split(' ').Zip(b.Split(' ')).ToList();

    [Fact]
    public void Kappa_and_alpha_match_the_hand_computation()
    {
        var expert = Units("marta tomas lucia ivan marta", "marta tomas lucia ivan tomas");
        var claim = Units("ports ports seasonal seasonal remittances", "ports ports seasonal seasonal remittances");
        var polarity = Units("E C E C E", "E C E E E");

        Assert.Equal(0.8, NominalAgreement.Observed(expert), 6);
        Assert.Equal(0.736842, NominalAgreement.CohenKappa(expert)!.Value, 6);
        Assert.Equal(0.756757, NominalAgreement.KrippendorffAlpha(expert)!.Value, 6);
        Assert.Equal(1.0, NominalAgreement.CohenKappa(claim)!.Value, 6);
        Assert.Equal(1.0, NominalAgreement.KrippendorffAlpha(claim)!.Value, 6);
        Assert.Equal(0.545455, NominalAgreement.CohenKappa(polarity)!.Value, 6);
        Assert.Equal(0.571429, NominalAgreement.KrippendorffAlpha(polarity)!.Value, 6);
    }

    [Fact]
    public void A_textbook_case_and_the_undefined_cases()
    {
        // A second case worked by hand, nominal, 9 units with four values:
        // a: 1 2 3 3 2 1 4 1 2 ; b: 1 2 3 3 2 2 4 1 2 -> one disagreement in 9 units; n_1 = 5, n_2 = 7, n_3 = 4, n_4 = 2,
        // Σ_{c≠k} n_c n_k = 18² − (25 + 49 + 16 + 4) = 230, α = 1 − 17·2/230 = 0.852174.
        var units = Units("1 2 3 3 2 1 4 1 2", "1 2 3 3 2 2 4 1 2");
        Assert.Equal(0.852174, NominalAgreement.KrippendorffAlpha(units)!.Value, 6);
        // Everybody chose the same value: chance agreement is perfect, so neither statistic is defined.
        Assert.Null(NominalAgreement.CohenKappa(Units("E E E", "E E E")));
        Assert.Null(NominalAgreement.KrippendorffAlpha(Units("E E E", "E E E")));
        Assert.Null(NominalAgreement.CohenKappa([]));
    }

    [Fact]
    public void Two_codings_of_the_fictional_forum_give_the_hand_computed_report()
    {
        var data = GraphData.Load(Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "graph-data"));
        Assert.True(data.IsValid, string.Join("\n", data.Errors));
        var document = data.Data.Documents.Single(d => d.Id == "harbour-forum-2019");
        var codings = CodingAgreement.CodingsOf(document);
        Assert.Equal(["paul-okafor", "rosa-vidal"], codings.Keys);

        var report = CodingAgreement.Compare(document.Id, "rosa-vidal", codings["rosa-vidal"], "paul-okafor", codings["paul-okafor"]);

        Assert.Equal((6, 5, 5), (report.UnitsA, report.UnitsB, report.Matched));
        Assert.Equal((324L, 246L, 246L, 324L), (report.CodedCharactersA, report.CodedCharactersB, report.CodedCharactersBoth, report.CodedCharactersEither));
        Assert.Equal(0.759259, report.TextOverlap!.Value, 6);
        var byName = report.Variables.ToDictionary(v => v.Variable);
        Assert.Equal((0.736842, 0.756757), (Math.Round(byName["expert"].Kappa!.Value, 6), Math.Round(byName["expert"].Alpha!.Value, 6)));
        Assert.Equal((1.0, 1.0), (byName["claim"].Kappa!.Value, byName["claim"].Alpha!.Value));
        Assert.Equal((0.545455, 0.571429), (Math.Round(byName["polarity"].Kappa!.Value, 6), Math.Round(byName["polarity"].Alpha!.Value, 6)));

        // Every disagreement, with both codings, in text order.
        Assert.Equal(
        [
            "coded differently [polarity]: ivan-sorel/seasonal-labour-rights/Criticizes | ivan-sorel/seasonal-labour-rights/Endorses",
            "coded differently [expert]: marta-quiroga/remittances-sustain-villages/Endorses | tomas-ferreyra/remittances-sustain-villages/Endorses",
            "coded by rosa-vidal only []: lucia-benavente/common-arrivals-registry/Endorses | -",
        ], report.Disagreements.Select(d => $"{d.Kind} [{string.Join(",", d.Variables)}]: {Show(d.A)} | {Show(d.B)}"));
    }

    private static string Show(CodedUnit? u) => u is null ? "-" : $"{u.Expert}/{u.Claim}/{u.Polarity}";
}
