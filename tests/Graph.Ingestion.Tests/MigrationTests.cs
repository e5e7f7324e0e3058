using System.Text.RegularExpressions;
using Graph.Engine;

namespace Graph.Ingestion.Tests;

/// <summary>
/// graph-data moved from one self-contained folder per document to a shared registry plus documents (registry/,
/// documents/lc-l3702/). The move must not change what the knowledge base says: the store it loads to is compared,
/// node by node and relationship by relationship with every property, with a dump of the store the old layout
/// loaded to (Fixtures/lc-l3702-graph-before-migration.txt, taken before the move). The only differences allowed are
/// the ones the new layout means, each named here:
/// <list type="bullet">
/// <item>experts, institutions and claims no longer carry <c>source</c>: a registry entry belongs to no document
/// (paradigms keep it: it names the document their quote comes from);</item>
/// <item>every stance records its coder (<c>coder: 'initial-curation'</c>, the first curation);</item>
/// <item><c>hash</c>, the loader's digest of the properties, differs accordingly;</item>
/// <item>the store holds the loader's manifest node (GraphDataManifest);</item>
/// <item>sessions' and sources' dates are Cypher DATE values, no longer strings (<c>date: 2013-07-10</c>, not
/// <c>date: '2013-07-10'</c>).</item>
/// </list>
/// </summary>
public sealed partial class MigrationTests
{
    [Fact]
    public async Task The_migrated_graph_data_loads_to_the_same_graph()
    {
        await using var driver = EmbeddedDriver.InMemory();
        var report = await new GraphLoader(driver).LoadAsync(ShippedGraphDataTests.RepoGraphData());
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));

        var before = File.ReadAllText(TestCorpus.TestData("Fixtures/lc-l3702-graph-before-migration.txt")).TrimEnd('\n').Split('\n');
        var after = (await StoreSnapshot.TakeAsync(driver)).Split('\n').Where(l => !l.StartsWith("(['GraphDataManifest']", StringComparison.Ordinal)).ToList();

        var stances = after.Where(l => Stance().IsMatch(l)).ToList();
        Assert.Equal(254, stances.Count);
        Assert.All(stances, l => Assert.Contains("coder: 'initial-curation'", l));

        var expected = before.Select(l => AsDate(WithoutHash(RegistryEntry().IsMatch(l) ? Without(l, "source") : l))).Order(StringComparer.Ordinal).ToList();
        var actual = after.Select(l => WithoutHash(Stance().IsMatch(l) ? Without(l, "coder") : l)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(998, expected.Count);
        var missing = expected.Except(actual).Take(3).ToList();
        var extra = actual.Except(expected).Take(3).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"the loaded graph differs.\nexpected but missing:\n{string.Join("\n", missing)}\nfound but not expected:\n{string.Join("\n", extra)}");
        Assert.Equal(expected, actual);   // same multiset: duplicates count too
    }

    private static string WithoutHash(string line) => Without(line, "hash");

    /// <summary>The dump writes a DATE value unquoted; the old layout loaded the same date as a string.</summary>
    private static string AsDate(string line) => QuotedDate().Replace(line, "date: $1");

    [GeneratedRegex(@"date: '(\d{4}-\d{2}-\d{2})'")]
    private static partial Regex QuotedDate();

    /// <summary>Removes one string property (<c>key: '...'</c>) from a dumped node or relationship.</summary>
    private static string Without(string line, string key)
    {
        var literal = @"'(?:[^'\\]|\\.)*'";
        var result = Regex.Replace(line, $@", {key}: {literal}", "");
        result = Regex.Replace(result, $@"\{{{key}: {literal}, ", "{");
        return Regex.Replace(result, $@"\{{{key}: {literal}\}}", "{}");
    }

    [GeneratedRegex(@"^\(\['(Expert|Institution|Claim)'\] ")]
    private static partial Regex RegistryEntry();

    [GeneratedRegex(@"^\([^)]*\)-\[:(ENDORSES|CRITICIZES) ")]
    private static partial Regex Stance();
}
