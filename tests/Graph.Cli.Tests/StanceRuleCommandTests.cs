using System.Text.Json;

namespace Graph.Cli.Tests;

/// <summary>
/// Which stances count when an expert speaks on one claim in two documents (Graph.Queries StanceRule, docs/decisions.md
/// "Both stances count"), through the CLI on the fictional Harbour Forum: Iván Sorel criticizes seasonal-labour-rights
/// in 2019 and endorses it in 2021; Marta Quiroga endorses open-ports-prosperity in both. Without a window both of
/// Iván's positions count and Marta's repeated one counts once, in every command, and a window covering every date
/// answers exactly as no window.
/// </summary>
[Collection(CliCollection.Name)] // it redirects the process-wide Console
public sealed class StanceRuleCommandTests : HarbourForumDatabase
{
    private static string[] Ids(JsonElement list) => list.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Both_positions_count_and_a_repeated_one_counts_once()
    {
        using var contested = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", Db, "--format", "json")).Out);
        var claims = contested.RootElement.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("claimId").GetString()!);
        Assert.Equal(3, claims.Count);
        Assert.Equal(new[] { "ivan-sorel", "lucia-benavente" }, Ids(claims["seasonal-labour-rights"].GetProperty("endorsers")));
        Assert.Equal(new[] { "ivan-sorel" }, Ids(claims["seasonal-labour-rights"].GetProperty("critics")));
        Assert.Equal(new[] { "marta-quiroga" }, Ids(claims["open-ports-prosperity"].GetProperty("endorsers")));

        // Iván and Lucía agree and disagree on the one claim they share.
        using var shared = JsonDocument.Parse((await Cli.Succeeds("shared", "ivan-sorel", "lucia-benavente", "--db", Db, "--format", "json")).Out);
        Assert.Equal(1, shared.RootElement.GetProperty("agreements").GetInt32());
        Assert.Equal(1, shared.RootElement.GetProperty("disagreements").GetInt32());
        Assert.Equal(1, shared.RootElement.GetProperty("claimsA").GetInt32());

        // Tomás's opponent Marta: 2 claims each (her open-ports endorsement counts once), opposed on both: average 2 / 2.
        using var opponents = JsonDocument.Parse((await Cli.Succeeds("allies", "tomas-ferreyra", "--opponents", "--db", Db, "--format", "json")).Out);
        var marta = opponents.RootElement.GetProperty("entries")[0];
        Assert.Equal("marta-quiroga", marta.GetProperty("expertId").GetString());
        Assert.Equal(2, marta.GetProperty("disagreements").GetInt32());
        Assert.Equal(1.0, marta.GetProperty("score").GetDouble(), 9);

        // The stored network (paths) holds both ties between Iván and Lucía.
        var agree = await Cli.Succeeds("path", "ivan-sorel", "lucia-benavente", "--agreement", "--db", Db);
        var disagree = await Cli.Succeeds("path", "ivan-sorel", "lucia-benavente", "--disagreement", "--db", Db);
        Assert.Contains("Seasonal workers", agree.Out);
        Assert.Contains("Seasonal workers", disagree.Out);
    }

    [Theory]
    [InlineData("contested", "--format", "json")]
    [InlineData("clusters", "--format", "json")]
    [InlineData("export", "--network", "subtract", "--format", "csv")]
    [InlineData("export", "--network", "two-mode", "--format", "csv")]
    public async Task A_window_over_every_date_answers_as_no_window(params string[] command)
    {
        var all = await Cli.Succeeds([.. command, "--db", Db]);
        var window = await Cli.Succeeds([.. command, "--db", Db, "--from", "2019-01-01", "--to", "2021-12-31"]);
        Assert.Equal(Strip(all.Out), Strip(window.Out));
    }

    // The windowed answer names its window; the numbers must be the same.
    private static string Strip(string text) => string.Join('\n', text.Split('\n').Where(l => !l.Contains("window", StringComparison.Ordinal) && !l.Contains("dated", StringComparison.Ordinal)));
}
