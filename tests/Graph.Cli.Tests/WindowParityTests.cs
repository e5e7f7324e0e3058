using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Graph.Cli.Tests;

/// <summary>
/// One windowed question, three answers that must agree: the CLI (`graph shared|contested|export --from --to`), the
/// web API of `graph serve` (/api/pair, /api/claims with ?from=&amp;to=) and the web's GEXF export of the windowed
/// groups view, on the fictional Harbour Forum in 2019 (counted by hand: Marta and Tomás disagree on
/// open-ports-prosperity, Lucía and Iván on seasonal-labour-rights; nobody agrees).
/// </summary>
[Collection(CliCollection.Name)] // it redirects the process-wide Console
public sealed class WindowParityTests
{
    private const string From = "2019-01-01", To = "2019-12-31";

    [Fact]
    public async Task Cli_web_api_and_export_give_the_same_windowed_numbers()
    {
        using var temp = new TempDirectory();
        var db = temp["db"];
        await Cli.Succeeds("ingest", Path.Combine(AppContext.BaseDirectory, "SharedFixtures", "harbour-forum", "graph-data"), "--db", db);

        using var shared = JsonDocument.Parse((await Cli.Succeeds("shared", "ivan-sorel", "lucia-benavente", "--db", db, "--from", From, "--to", To, "--format", "json")).Out);
        using var contested = JsonDocument.Parse((await Cli.Succeeds("contested", "--db", db, "--from", From, "--to", To, "--format", "json")).Out);
        var csv = (await Cli.Succeeds("export", "--network", "conflict", "--format", "csv", "--db", db, "--from", From, "--to", To)).Out;
        // source,target,source_label,target_label,weight,agreements,disagreements,claims
        var header = csv.Split('\n')[0].Split(',');
        var cliPairs = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => Pair(f[0], f[1]), f => (int.Parse(f[Array.IndexOf(header, "agreements")], CultureInfo.InvariantCulture), int.Parse(f[Array.IndexOf(header, "disagreements")], CultureInfo.InvariantCulture)));
        Assert.Equal(new Dictionary<string, (int, int)> { ["ivan-sorel|lucia-benavente"] = (0, 1), ["marta-quiroga|tomas-ferreyra"] = (0, 1) }, cliPairs);
        Assert.Equal(0, shared.RootElement.GetProperty("agreements").GetInt32());
        Assert.Equal(1, shared.RootElement.GetProperty("disagreements").GetInt32());

        await using var server = await ServeChild.StartAsync(db);
        using var http = new HttpClient { BaseAddress = new Uri(server.Http) };
        var window = $"from={From}&to={To}";

        using var pair = JsonDocument.Parse(await http.GetStringAsync($"/api/pair?a=ivan-sorel&b=lucia-benavente&{window}"));
        Assert.Equal(shared.RootElement.GetProperty("agreements").GetInt32(), pair.RootElement.GetProperty("agreements").GetInt32());
        Assert.Equal(shared.RootElement.GetProperty("disagreements").GetInt32(), pair.RootElement.GetProperty("disagreements").GetInt32());

        using var claims = JsonDocument.Parse(await http.GetStringAsync($"/api/claims?{window}"));
        var web = claims.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => (c.GetProperty("endorsers").GetInt32(), c.GetProperty("critics").GetInt32()));
        foreach (var c in contested.RootElement.GetProperty("claims").EnumerateArray())
            Assert.Equal((c.GetProperty("endorsers").GetArrayLength(), c.GetProperty("critics").GetArrayLength()), web[c.GetProperty("claimId").GetString()!]);
        Assert.Equal(contested.RootElement.GetProperty("total").GetInt32(), web.Values.Count(v => v.Item1 > 0 && v.Item2 > 0));

        // The web's export of the windowed groups view: the same pairs with the same counts, and it names its window.
        var gexf = XDocument.Parse(await http.GetStringAsync($"/api/export/communities.gexf?{window}"));
        XNamespace ns = gexf.Root!.Name.Namespace;
        var titles = gexf.Descendants(ns + "attribute").ToDictionary(a => (string)a.Attribute("id")!, a => (string)a.Attribute("title")!);
        var exported = gexf.Descendants(ns + "edge").ToDictionary(
            e => Pair((string)e.Attribute("source")!, (string)e.Attribute("target")!),
            e =>
            {
                var values = e.Descendants(ns + "attvalue").ToDictionary(v => titles.GetValueOrDefault((string)v.Attribute("for")!, (string)v.Attribute("for")!), v => (string)v.Attribute("value")!);
                return (int.Parse(values["agreements"], CultureInfo.InvariantCulture), int.Parse(values["disagreements"], CultureInfo.InvariantCulture));
            });
        Assert.Equal(cliPairs, exported);
        Assert.Contains($"dated {From} to {To}", gexf.ToString());
    }

    private static string Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}";
}
