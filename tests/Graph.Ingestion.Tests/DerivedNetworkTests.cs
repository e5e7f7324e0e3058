using Graph.Engine;

namespace Graph.Ingestion.Tests;

/// <summary>
/// The discourse network of TestData/valid, checked by hand:
///   ana: +x +y -z;  bruno: +x -y -z;  carla: -x;  diego: +z   (+ endorses, - criticizes)
/// ana–bruno agree on x and z (2) and disagree on y (1); ana–carla, bruno–carla disagree on x; ana–diego and
/// bruno–diego disagree on z; carla–diego share no claim.
/// </summary>
public sealed class DerivedNetworkTests : IAsyncLifetime, IDisposable
{
    private readonly TestCorpus _corpus = new();
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();

    public Task InitializeAsync() => new GraphLoader(_driver).LoadAsync(_corpus.Directory);
    public async Task DisposeAsync() => await _driver.DisposeAsync();
    public void Dispose() => _corpus.Dispose();

    private async Task<List<string>> EdgesAsync(string type)
    {
        await using var session = _driver.AsyncSession();
        var result = await session.RunAsync(
            $"MATCH (a:Expert)-[r:{type}]->(b:Expert) RETURN a.id AS a, b.id AS b, r.weight AS weight, r.claims AS claims ORDER BY a, b");
        return result.Records.Select(r => $"{r["a"]}-{r["b"]} {r["weight"]} [{string.Join(",", r.Get<List<string>>("claims"))}]").ToList();
    }

    [Fact]
    public async Task Agreement_weights_count_claims_both_endorse_or_both_criticize()
    {
        Assert.Equal(["ana-bruno 2 [claim-x,claim-z]"], await EdgesAsync("AGREES_WITH"));
    }

    [Fact]
    public async Task Disagreement_weights_count_claims_one_endorses_and_the_other_criticizes()
    {
        Assert.Equal(
        [
            "ana-bruno 1 [claim-y]",
            "ana-carla 1 [claim-x]",
            "ana-diego 1 [claim-z]",
            "bruno-carla 1 [claim-x]",
            "bruno-diego 1 [claim-z]",
        ], await EdgesAsync("DISAGREES_WITH"));
    }

    [Fact]
    public async Task Weights_are_integers_stored_once_per_pair_from_the_smaller_id()
    {
        Assert.IsType<long>(await StoreSnapshot.ScalarAsync(_driver, "MATCH ()-[r:AGREES_WITH]->() RETURN r.weight"));
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (a)-[r:AGREES_WITH|DISAGREES_WITH]->(b) WHERE a.id > b.id RETURN count(r)"));
    }

    [Fact]
    public async Task A_changed_stance_moves_pairs_between_the_networks()
    {
        // Diego now criticizes z: he agrees with ana and bruno there instead of disagreeing.
        _corpus.Replace("documents/doc-a/stances.yaml", "claim: claim-z\n    stance: endorses", "claim: claim-z\n    stance: criticizes");

        var report = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);

        Assert.Equal(["ana-bruno 2 [claim-x,claim-z]", "ana-diego 1 [claim-z]", "bruno-diego 1 [claim-z]"], await EdgesAsync("AGREES_WITH"));
        Assert.Equal(["ana-bruno 1 [claim-y]", "ana-carla 1 [claim-x]", "bruno-carla 1 [claim-x]"], await EdgesAsync("DISAGREES_WITH"));
        Assert.Equal(2, report.Relationships["AGREES_WITH"].Created);
        Assert.Equal(2, report.Relationships["DISAGREES_WITH"].Deleted);
    }

    [Fact]
    public async Task Claims_above_the_participant_limit_are_left_out_and_return_when_the_limit_is_raised()
    {
        // claim-x (ana, bruno, carla) and claim-z (ana, bruno, diego) have three participants, claim-y two.
        var limited = await new GraphLoader(_driver).LoadAsync(_corpus.Directory,
            new IngestionOptions { Network = new Planning.NetworkLimits { MaxClaimParticipants = 2 } });

        Assert.Empty(await EdgesAsync("AGREES_WITH"));
        Assert.Equal(["ana-bruno 1 [claim-y]"], await EdgesAsync("DISAGREES_WITH"));
        Assert.Equal(2, limited.Network.ClaimsLeftOut);
        Assert.Equal([("claim-x", 3), ("claim-z", 3)], limited.Network.LargestLeftOut);

        var full = await new GraphLoader(_driver).LoadAsync(_corpus.Directory);

        Assert.Equal(["ana-bruno 2 [claim-x,claim-z]"], await EdgesAsync("AGREES_WITH"));
        Assert.Equal(5, (await EdgesAsync("DISAGREES_WITH")).Count);
        Assert.Equal(0, full.Network.ClaimsLeftOut);
        Assert.Equal(new Planning.ChangeCount(4, 0, 0, null), full.Relationships["DISAGREES_WITH"]);
    }
}
