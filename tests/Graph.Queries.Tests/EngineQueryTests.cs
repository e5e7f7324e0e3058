using Graph.Queries.Settings;
using System.Text.Json;
using Graph.Client;
using Graph.Engine;
using Graph.Queries.Algorithms;
using Graph.Queries.Analysis;
using Graph.Queries.Cypher;
using Graph.Queries.Export;
using Graph.Queries.Lookup;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

/// <summary>The library end to end: the small debate created with Cypher in the embedded engine, asked through IDriver.</summary>
public sealed class EngineQueryTests : IAsyncLifetime
{
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();
    private DebateQueries _queries = null!;

    public async Task InitializeAsync()
    {
        await using var session = _driver.AsyncSession();
        foreach (var statement in CypherStatements()) await session.RunAsync(statement);
        _queries = new DebateQueries(_driver);
    }

    public async Task DisposeAsync() => await _driver.DisposeAsync();

    [Fact]
    public async Task Every_catalog_query_runs_with_its_example_parameters()
    {
        await using var session = _driver.AsyncSession(SessionConfig.Read);
        foreach (var name in QueryCatalog.Names)
        {
            var text = QueryCatalog.Get(name);
            var header = text.Split('\n').Single(l => l.StartsWith("// params:", StringComparison.Ordinal))["// params:".Length..];
            var parameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(header)!
                .ToDictionary(kv => kv.Key, kv => (object?)(kv.Value.ValueKind == JsonValueKind.Array
                    ? kv.Value.EnumerateArray().Select(e => (object?)e.GetString()).ToList()
                    : kv.Value.GetString()));
            var result = await session.RunAsync(text, parameters);
            Assert.NotNull(result.Keys);
        }
    }

    [Fact]
    public async Task Snapshot_read_through_cypher_equals_the_hand_built_one()
    {
        Assert.False(await _queries.IsEmptyAsync());
        var loaded = await _queries.LoadSnapshotAsync();
        var expected = Snapshot();
        Assert.Equal(expected.Experts.Keys, loaded.Experts.Keys);
        Assert.Equal(["uni"], loaded.Experts[Ana].Institutions);
        Assert.Equal(["A. M. Nunez"], loaded.Experts[Ana].Aliases);
        Assert.Equal("uni", loaded.Institutions["lab"].Parent);
        Assert.Equal(expected.Stances.Select(s => (s.ExpertId, s.ClaimId, s.Polarity, s.Quote)), loaded.Stances.Select(s => (s.ExpertId, s.ClaimId, s.Polarity, s.Quote)));
        Assert.Equal(expected.Claims["c1"].Paradigms.OrderBy(p => p.ParadigmId), loaded.Claims["c1"].Paradigms);
        Assert.Empty(loaded.Claims["c4"].Paradigms);
        Assert.Equal(9, SignedNetwork.FromTies(loaded.Experts.Keys, loaded.Ties).Pairs.Count());
    }

    [Fact]
    public async Task Lookup_resolves_names_from_the_store()
    {
        var index = await _queries.LoadIndexAsync();
        Assert.Equal(Fay, index.Resolve("raul delgado", EntityKind.Expert).Single.Id);
        Assert.Equal(LookupStatus.Ambiguous, index.Resolve("ortega", EntityKind.Expert).Status);
    }

    [Fact]
    public async Task Positions_come_grouped_by_paradigm()
    {
        var positions = await _queries.PositionsAsync(Ben);
        Assert.Equal(["human-development", "securitization", null], positions.Groups.Select(g => g.ParadigmId));
        Assert.Equal("Human development", positions.Groups[0].Title);
        Assert.Equal([-1, 1], positions.Groups[0].Positions.Select(p => p.AlignmentSign));
        Assert.Equal("II.A", positions.Groups[2].Positions.Single().Section);
    }

    [Fact]
    public async Task Shared_positions_through_cypher_match_the_hand_computed_scores()
    {
        var pair = await _queries.SharedAsync(Ana, Cid);
        Assert.Equal(["c3"], pair.BothEndorse.Select(c => c.ClaimId));
        Assert.Equal(["c1", "c2"], pair.Disagree.Select(c => c.ClaimId));
        Assert.Equal((3, 3), (pair.ClaimsA, pair.ClaimsB));
        Assert.Equal(1.0 / 3, pair.Congruence(Normalization.Jaccard), 12);
        Assert.Equal(-1.0 / 3, pair.SignedScore!.Value, 12);
        Assert.True((await _queries.SharedAsync(Dan, Eva)).NothingInCommon);
    }

    [Fact]
    public async Task Resolving_by_exact_id_through_index_seeks_agrees_with_the_index_of_every_name()
    {
        var index = await new DebateQueries(_driver).LoadIndexAsync();
        foreach (var query in new[] { Ana, Cid, "c1", "UP", "ana maria", "Schmitt", "  " + Ben + " " })
        foreach (var kinds in new[] { Array.Empty<EntityKind>(), [EntityKind.Expert], [EntityKind.Claim, EntityKind.Institution] })
        {
            var expected = index.Resolve(query, kinds);
            var actual = await new DebateQueries(_driver).ResolveAsync(query, kinds);
            Assert.Equal(expected.Status, actual.Status);
            Assert.Equal(expected.Matches.Select(m => (m.Kind, m.Id, m.Name)), actual.Matches.Select(m => (m.Kind, m.Id, m.Name)));
            Assert.Equal(expected.Suggestions.Select(m => m.Id), actual.Suggestions.Select(m => m.Id));
        }
    }

    [Fact]
    public async Task Expert_profiles_and_positions_read_from_the_neighbourhood_match_the_snapshot()
    {
        var snapshot = await _queries.LoadSnapshotAsync();
        foreach (var expert in snapshot.Experts.Values)
        {
            var expected = ParadigmProfiles.ForExpert(snapshot, expert.Id);
            var actual = await new DebateQueries(_driver).ProfileAsync(new LookupEntry(EntityKind.Expert, expert.Id, expert.Name, []));
            Assert.Equal(expected.Scores.Select(x => (x.ParadigmId, x.Name, Math.Round(x.Score, 9), x.Stances)),
                actual.Scores.Select(x => (x.ParadigmId, x.Name, Math.Round(x.Score, 9), x.Stances)));
            var positions = await _queries.PositionsAsync(expert.Id);
            foreach (var position in positions.Groups.SelectMany(g => g.Positions))
                Assert.Equal(snapshot.StancesOf(expert.Id)[position.ClaimId].Single(s => s.Polarity == position.Polarity).Confidence, position.Confidence);
        }
    }

    [Fact]
    public async Task Allies_ranked_from_counts_in_cypher_match_the_ranking_over_the_whole_snapshot_with_their_evidence()
    {
        var snapshot = await _queries.LoadSnapshotAsync();
        foreach (var expert in snapshot.Experts.Keys)
        foreach (var opponents in new[] { false, true })
        foreach (var n in Enum.GetValues<Normalization>())
        {
            var expected = Allies.Rank(snapshot, expert, opponents, n);
            var all = await _queries.AlliesAsync(expert, opponents, n);
            Assert.Equal(expected.Select(e => (e.ExpertId, Math.Round(e.Score, 9))), all.Entries.Select(e => (e.ExpertId, Math.Round(e.Score, 9))));
            Assert.Equal(expected.Select(e => string.Join(",", e.Evidence.Shared.Select(c => $"{c.ClaimId}:{c.StanceA}/{c.StanceB}:{c.QuoteA}|{c.QuoteB}"))),
                all.Entries.Select(e => string.Join(",", e.Evidence.Shared.Select(c => $"{c.ClaimId}:{c.StanceA}/{c.StanceB}:{c.QuoteA}|{c.QuoteB}"))));

            var top = await _queries.AlliesAsync(expert, opponents, n, limit: 1);
            Assert.Equal(expected.Count, top.Total);
            Assert.Equal(expected.Take(1).Select(e => e.ExpertId), top.Entries.Select(e => e.ExpertId));
        }
    }

    [Fact]
    public async Task Shortest_chains_found_by_cypher_from_both_ends_are_as_short_as_over_the_whole_network_and_explained()
    {
        var network = await _queries.NetworkAsync();
        var experts = network.Experts.Order(StringComparer.Ordinal).ToList();
        var found = 0;
        foreach (var a in experts)
        foreach (var b in experts.Where(b => b != a))
        foreach (var mode in new[] { NetworkMode.Agreement, NetworkMode.Disagreement })
        {
            var expected = Paths.Find(network, mode, a, b);
            var actual = await _queries.PathsAsync(a, b, mode);
            Assert.Equal(expected.Select(p => p.Length), actual.Select(p => p.Length));
            foreach (var path in actual)
            {
                found++;
                Assert.Equal((a, b), (path.Experts[0], path.Experts[^1]));
                // Every hop is a real tie of the mode, with the claims behind it.
                Assert.All(path.Hops, h => Assert.NotEmpty(mode == NetworkMode.Agreement ? h.AgreeClaims : h.DisagreeClaims));
                Assert.All(path.Hops, h => Assert.Equal(mode == NetworkMode.Agreement ? 1 : -1, h.Sign));
            }
        }
        Assert.True(found > 10);
    }

    [Fact]
    public async Task Allies_paths_profiles_clusters_and_contested_through_the_engine()
    {
        Assert.Equal([Dan, Eva, Cid], (await _queries.AlliesAsync(Ana, opponents: true, Normalization.Cosine)).Entries.Select(a => a.ExpertId));
        var paths = await _queries.PathsAsync(Eva, Ben, NetworkMode.Signed, k: 2);
        Assert.Equal([-1, 1], paths.Select(p => p.Sign));

        var institution = (await _queries.LoadIndexAsync()).Resolve("UP", EntityKind.Institution).Single;
        var profile = await _queries.ProfileAsync(institution);
        Assert.Equal("shared-benefits", profile.Dominant);
        Assert.Equal(-1.0 / 3, profile.Scores.Single(s => s.ParadigmId == "securitization").Score, 12);

        var clusters = await _queries.ClustersAsync(AnalysisSettings.Default with { Seed = 1 });
        Assert.Equal([[Ana, Ben, Fay], [Cid, Dan], [Eva]], clusters.Clusters.Select(c => c.Members.Select(m => m.ExpertId).ToArray()));
        Assert.Equal(0.8, clusters.Balance.BalancedShare, 12);

        var contested = await _queries.ContestedAsync();
        Assert.Equal(["c1", "c2", "c3"], contested.Select(c => c.ClaimId));
        Assert.Equal([Ana, Ben], contested[0].Critics);

        var export = await _queries.ExportAsync(NetworkKind.Congruence, Normalization.None, TwoModeNormalization.None);
        Assert.Equal(4, export.Edges.Count);
    }

    [Fact]
    public async Task An_empty_store_says_so()
    {
        await using var empty = EmbeddedDriver.InMemory();
        Assert.True(await new DebateQueries(empty).IsEmptyAsync());
        Assert.True((await new DebateQueries(empty).LoadSnapshotAsync()).IsEmpty);
    }
}
