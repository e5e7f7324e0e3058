using System.Globalization;
using Graph.Bench;
using Graph.Bench.Data;
using Graph.Client;
using Graph.Engine;

namespace Graph.Bench.Tests;

/// <summary>
/// The arrays answer the question the Cypher asks (decision 29): for a small synthetic debate, every workload's hand-coded
/// rows equal our engine's rows value for value, for every parameter set; and a differing value is caught by the digest
/// the bench compares and named in the report.
/// </summary>
public sealed class ArrayRowsAgreeTests : IAsyncLifetime
{
    private static readonly DebateShape Shape = new() { Experts = 300, Claims = 80, Stances = 2_400, Seed = 7, AgreementCap = 12 };
    private readonly string _csv = Path.Combine(Path.GetTempPath(), $"graph-bench-arrayrows-{Guid.NewGuid():N}");
    private SyntheticDebate _debate = null!;
    private EmbeddedDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _debate = new SyntheticDebate(Shape);
        BenchTables.WriteCsv(_debate, _csv);
        _driver = EmbeddedDriver.InMemory(new EngineOptions());
        await _driver.ImportAsync(EngineSide.ImportSpecFor(_csv));
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        Directory.Delete(_csv, recursive: true);
    }

    [Fact]
    public async Task Every_workloads_array_rows_equal_the_engines_rows_value_for_value()
    {
        var baseline = new ArrayBaseline(_debate);
        await using var session = _driver.AsyncSession(SessionConfig.Read);
        var workloads = Workloads.Create(_debate, runs: 8, networkBudget: long.MaxValue);
        Assert.Equal(11, workloads.Count);
        foreach (var w in workloads)
        {
            var run = baseline.For(w.Name) ?? throw new InvalidOperationException($"no hand-coded {w.Name}");
            long rows = 0;
            foreach (var p in RowDigest.EachParameterSet(w.Params))
            {
                var count = run(p);
                var theirs = (await session.RunAsync(w.Ours, p)).Records;
                var context = $"{w.Name} with {string.Join(", ", p.Select(kv => $"{kv.Key}={kv.Value}"))}";
                Assert.Equal(theirs.Count, count);
                var expected = theirs.Select(Line).ToList();
                var actual = baseline.Rows.Lines();
                if (!w.RowsOrdered)
                {
                    expected.Sort(StringComparer.Ordinal);
                    actual.Sort(StringComparer.Ordinal);
                }
                Assert.True(expected.SequenceEqual(actual), $"{context}:\n engine: {string.Join("; ", expected.Take(12))}\n arrays: {string.Join("; ", actual.Take(12))}");
                Assert.Equal(EngineSide.Digest(theirs, w.RowsOrdered), baseline.Rows.Digest(w.RowsOrdered));
                rows += count;
            }
            // every workload has rows in this debate, so that the comparison is not of empty results
            Assert.True(rows > 0, $"{w.Name}: no rows in the test debate");
        }
    }

    [Fact]
    public async Task The_arrays_shortest_path_from_both_ends_finds_the_engines_length_for_many_pairs()
    {
        var baseline = new ArrayBaseline(_debate);
        var shortest = baseline.For("shortest agreement path (≤4 hops)")!;
        const string cypher = "MATCH p = shortestPath((a:Expert {id: $a})-[:AGREES_WITH*1..4]-(b:Expert {id: $b})) RETURN length(p) AS hops";
        await using var session = _driver.AsyncSession(SessionConfig.Read);
        var random = new Random(11);
        var withAgreements = _debate.Agreements.SelectMany(x => new[] { x.A, x.B }).Distinct().Order().ToArray();
        var lengths = new Dictionary<long, int>();
        for (var k = 0; k < 150; k++)
        {
            var (a, b) = (withAgreements[random.Next(withAgreements.Length)], withAgreements[random.Next(withAgreements.Length)]);
            if (a == b) continue;
            var p = new Dictionary<string, object?> { ["a"] = SyntheticDebate.ExpertId(a), ["b"] = SyntheticDebate.ExpertId(b) };
            var expected = (await session.RunAsync(cypher, p)).Records.Select(r => (long)r[0]!).ToList();
            var rows = shortest(p);
            var actual = Enumerable.Range(0, (int)rows).Select(r => baseline.Rows.Number(r, 0)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{a} -> {b}: engine [{string.Join(", ", expected)}], arrays [{string.Join(", ", actual)}]");
            var key = expected.Count == 0 ? -1 : expected[0];
            lengths[key] = lengths.GetValueOrDefault(key) + 1;
        }
        // pairs at several lengths were compared, not one kind only
        Assert.True(lengths.Keys.Count(l => l > 0) >= 3, string.Join(", ", lengths.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    [Fact]
    public async Task The_bench_digests_of_each_parameter_set_agree_between_the_engine_and_the_arrays()
    {
        var baseline = new ArrayBaseline(_debate);
        await using var session = _driver.AsyncSession(SessionConfig.Read);
        foreach (var w in Workloads.Create(_debate, runs: 8, networkBudget: long.MaxValue))
        {
            var plan = new PlanWorkload { Name = w.Name, Cypher = w.Kuzu, Ours = w.Ours, Params = w.Params.ToList(), RowsOrdered = w.RowsOrdered };
            var ours = await EngineSide.DigestEachAsync(session, plan);
            var arrays = baseline.DigestEach(baseline.For(w.Name)!, w.Params, w.RowsOrdered);
            Assert.Equal(Math.Max(1, w.Params.Count), ours.Count);
            Assert.Equal(ours, arrays);
        }
    }

    [Fact]
    public void A_value_that_differs_changes_the_digest_and_the_order_counts_only_where_the_cypher_orders()
    {
        var baseline = new ArrayBaseline(_debate);
        var prolific = Enumerable.Range(0, Shape.Experts).MaxBy(e => _debate.StanceExpert.Count(x => x == e));
        baseline.For("positions (1 hop)")!(new() { ["id"] = SyntheticDebate.ExpertId(prolific) });
        var rows = baseline.Rows;
        Assert.True(rows.Count >= 3);
        string Digest(bool ordered, Func<int, int> order, int changeRow = -1, string? changedKind = null)
        {
            var d = new RowDigest(ordered);
            for (var i = 0; i < rows.Count; i++)
            {
                var r = order(i);
                d.Add(rows.Text(r, 0));
                d.Add(r == changeRow ? changedKind : rows.Text(r, 1));
                d.EndRow();
            }
            return d.ToString();
        }
        var same = Digest(false, i => i);
        Assert.Equal(rows.Digest(ordered: false), same);
        var flipped = rows.Text(1, 1) == ArrayBaseline.Endorses ? ArrayBaseline.Criticizes : ArrayBaseline.Endorses;
        Assert.NotEqual(same, Digest(false, i => i, changeRow: 1, changedKind: flipped));
        Assert.NotEqual(same, Digest(false, i => i, changeRow: 1, changedKind: null));
        // the same rows in another order: one multiset, but not one sequence
        Assert.Equal(same, Digest(false, i => rows.Count - 1 - i));
        Assert.NotEqual(Digest(true, i => i), Digest(true, i => rows.Count - 1 - i));
        // the row count is part of the digest; a row's cells are not interchangeable with the next row's
        Assert.StartsWith($"{rows.Count}:", same);
    }

    [Fact]
    public void Numbers_are_compared_by_value_across_sides_and_never_equal_their_text()
    {
        static string One(Action<RowDigest> add)
        {
            var d = new RowDigest(ordered: false);
            add(d);
            d.EndRow();
            return d.ToString();
        }
        var asLong = One(d => d.Add(3L));
        Assert.Equal(asLong, One(d => d.AddValue(3L)));
        Assert.Equal(asLong, One(d => d.AddValue(3)));
        Assert.Equal(asLong, One(d => d.AddValue(3.0)));          // a JavaScript number's integer
        Assert.NotEqual(asLong, One(d => d.AddValue("3")));
        Assert.NotEqual(asLong, One(d => d.AddValue(3.5)));
        Assert.NotEqual(One(d => d.AddValue(null)), One(d => d.AddValue("")));
        Assert.NotEqual(One(d => { d.Add("ab"); d.Add("c"); }), One(d => { d.Add("a"); d.Add("bc"); }));
    }

    [Fact]
    public void The_report_says_values_too_when_the_digests_agree_and_names_the_parameter_sets_where_they_differ()
    {
        WorkloadResult Side(params string[] digests) => new() { Name = "w", Rows = [2, 2, 2], Ms = [1, 1, 1], RowDigests = [.. digests] };
        var ours = Side("2:aa", "2:bb", "2:cc");
        Assert.Equal("yes (6 rows over 3 runs), values too (Kùzu, arrays; 3 parameter sets)",
            Report.RowsAgree(ours, Side("2:aa", "2:bb", "2:cc"), Side("2:aa", "2:bb", "2:cc")));
        var differs = Report.RowsAgree(ours, Side("2:aa", "2:bb", "2:cc"), Side("2:aa", "2:b0", "2:cc"));
        Assert.StartsWith("yes (6 rows over 3 runs); values NO: arrays differ at parameter sets 2 of 3 (set 2: ours 2:bb, arrays 2:b0)", differs);
        var undigested = Report.RowsAgree(ours, new WorkloadResult { Name = "w", Rows = [2, 2, 2] }, Side("2:aa", "2:bb", "2:cc"));
        Assert.Equal("yes (6 rows over 3 runs), values too (arrays; 3 parameter sets); Kùzu not digested", undigested);
    }

    /// <summary>A record's cells as <see cref="ArrayRows.Lines"/> writes them: strings as they are, integers in decimal.</summary>
    private static string Line(Graph.Client.Record record) =>
        string.Join(" | ", Enumerable.Range(0, record.Keys.Count).Select(i => record[i] switch
        {
            string s => s,
            long l => l.ToString(CultureInfo.InvariantCulture),
            var other => $"<{other?.GetType().Name ?? "null"} {other}>",
        }));
}
