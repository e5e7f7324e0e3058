using System.Text.Json;
using Graph.Engine;
using Graph.Queries.Settings;
using Graph.Server;
using Microsoft.Extensions.Logging;

namespace Graph.Cli.Tests;

/// <summary>
/// Same answer everywhere: for every expert of the shipped debate, the allies, opponents, community and paradigm
/// profile the web API serves equal what `graph allies`, `graph clusters` and `graph profile` print, with the same
/// analysis settings taken from the same place (GRAPH_Analysis__* here, non-default on purpose); and `graph tour`
/// describes the same communities as `graph clusters`.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ParityTests(IngestedDatabase database) : IDisposable
{
    private readonly TempDirectory _temp = new();
    private static readonly (string Key, string Value)[] Analysis = [("GRAPH_Analysis__Seed", "7"), ("GRAPH_Analysis__Normalization", "jaccard")];

    public void Dispose()
    {
        foreach (var (key, _) in Analysis) Environment.SetEnvironmentVariable(key, null);
        _temp.Dispose();
    }

    private static JsonElement Json(CliRun run) => JsonDocument.Parse(run.Out).RootElement.Clone();

    [Fact]
    public async Task Web_api_and_cli_give_the_same_allies_communities_and_profiles_for_every_expert()
    {
        foreach (var (key, value) in Analysis) Environment.SetEnvironmentVariable(key, value);
        var settings = AnalysisSettings.Read(key => Environment.GetEnvironmentVariable("GRAPH_" + key.Replace(":", "__", StringComparison.Ordinal)));
        Assert.Equal((7, "jaccard"), (settings.Seed, settings.ScoreName));

        // The server reads a copy of the same store (one process may hold an embedded store at a time).
        var copy = _temp["db"];
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(database.Db)) if (Path.GetFileName(file) != "LOCK") File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        await using var driver = EmbeddedDriver.Open(copy);
        await using var server = GraphServer.Build(new ServerOptions { Host = "127.0.0.1", Port = 0, AuthEnabled = false }, driver, LogLevel.Warning, analysis: settings);
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(GraphServer.Addresses(server).First()) };
        async Task<JsonElement> Web(string path) => JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.Clone();

        var clusters = Json(await Cli.Succeeds("clusters", "--format", "json", "--db", database.Db));
        Assert.Equal(7, clusters.GetProperty("settings").GetProperty("seed").GetInt32());
        var communityOf = clusters.GetProperty("communities").EnumerateArray()
            .SelectMany(c => c.GetProperty("members").EnumerateArray().Select(m => (Id: m.GetProperty("expertId").GetString()!, Number: c.GetProperty("number").GetInt32())))
            .ToDictionary(x => x.Id, x => x.Number);

        var experts = (await Web("/api/experts")).EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.True(experts.Count > 30);
        foreach (var id in experts)
        {
            var page = await Web("/api/experts/" + id);
            Assert.Equal("score (jaccard)", page.GetProperty("scoreName").GetString());
            var community = page.GetProperty("community").ValueKind == JsonValueKind.Null ? 0 : page.GetProperty("community").GetInt32();
            Assert.Equal(communityOf.GetValueOrDefault(id), community);

            foreach (var side in new[] { "allies", "opponents" })
            {
                var cli = Json(await Cli.Succeeds(["allies", id, "--limit", "10", "--format", "json", "--db", database.Db, .. side == "opponents" ? new[] { "--opponents" } : []]));
                Assert.Equal("jaccard", cli.GetProperty("normalization").GetString());
                var fromCli = cli.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("expertId").GetString(), Math.Round(e.GetProperty("score").GetDouble(), 9))).ToList();
                var fromWeb = page.GetProperty(side).EnumerateArray().Select(e => (e.GetProperty("expert").GetProperty("id").GetString(), Math.Round(e.GetProperty("score").GetDouble(), 9))).ToList();
                Assert.Equal(fromCli, fromWeb);
                Assert.Equal(cli.GetProperty("total").GetInt32(), page.GetProperty(side + "Total").GetInt32());
            }

            var profile = Json(await Cli.Succeeds("profile", id, "--format", "json", "--db", database.Db));
            Assert.Equal(
                profile.GetProperty("scores").EnumerateArray().Select(s => (s.GetProperty("paradigmId").GetString(), Math.Round(s.GetProperty("score").GetDouble(), 9))),
                page.GetProperty("profile").EnumerateArray().Select(s => (s.GetProperty("paradigm").GetString(), Math.Round(s.GetProperty("score").GetDouble(), 9))));
        }

        // The communities view draws the same groups.
        var view = await Web("/api/communities");
        foreach (var expert in view.GetProperty("experts").EnumerateArray())
            Assert.Equal(communityOf[expert.GetProperty("id").GetString()!], expert.GetProperty("community").GetInt32());

        // graph tour (same settings, from the same environment) tells the same communities in the same words.
        var tour = await Cli.Succeeds("tour", Repo.GraphData, "--db", database.Db);
        var told = System.Text.RegularExpressions.Regex.Replace(tour.Out, @"\s+", " "); // the console wraps long lines
        foreach (var community in clusters.GetProperty("communities").EnumerateArray())
            Assert.Contains($"Group {community.GetProperty("number").GetInt32()}: {community.GetProperty("caption").GetString()}.", told);
        Assert.Contains("seed 7", tour.Out);
    }
}
