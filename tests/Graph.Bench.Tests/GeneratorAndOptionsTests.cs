using Graph.Bench;
using Graph.Bench.Data;

namespace Graph.Bench.Tests;

public sealed class GeneratorAndOptionsTests
{
    private static readonly DebateShape Shape = new() { Experts = 2_000, Claims = 200, Stances = 20_000, Seed = 7 };

    [Fact]
    public void The_same_seed_gives_the_same_debate_and_another_seed_a_different_one()
    {
        var a = new SyntheticDebate(Shape);
        var b = new SyntheticDebate(Shape);
        var c = new SyntheticDebate(Shape with { Seed = 8 });
        Assert.Equal(a.StanceExpert, b.StanceExpert);
        Assert.Equal(a.StanceClaim, b.StanceClaim);
        Assert.Equal(a.Agreements, b.Agreements);
        Assert.NotEqual(a.StanceExpert, c.StanceExpert);
    }

    [Fact]
    public void Stances_are_distinct_pairs_skewed_towards_a_few_experts_and_claims()
    {
        var d = new SyntheticDebate(Shape);
        var pairs = d.StanceExpert.Zip(d.StanceClaim).ToHashSet();
        Assert.Equal(d.StanceExpert.Length, pairs.Count);
        var perExpert = d.StanceExpert.GroupBy(e => e).Select(g => g.Count()).OrderDescending().ToArray();
        var perClaim = d.StanceClaim.GroupBy(c => c).Select(g => g.Count()).OrderDescending().ToArray();
        Assert.True(perExpert[0] > 5 * perExpert[perExpert.Length / 2], "the most prolific expert should dwarf the median one");
        Assert.True(perClaim[0] > 5 * perClaim[perClaim.Length / 2], "the most popular claim should dwarf the median one");
        Assert.Equal(Shape.Claims, perClaim.Length);
    }

    [Fact]
    public void Agreements_come_only_from_claims_under_the_cap_and_are_stored_smaller_id_first()
    {
        // 10 stances per claim on average: a cap of 4 keeps only the tail claims, a cap of 64 nearly all.
        var sparse = Shape with { Claims = 2_000 };
        var d = new SyntheticDebate(sparse with { AgreementCap = 4 });
        Assert.NotEmpty(d.Agreements);
        Assert.All(d.Agreements, a => Assert.True(a.A < a.B && a.Weight >= 1));
        var wide = new SyntheticDebate(sparse with { AgreementCap = 64 });
        Assert.True(wide.Agreements.Length > d.Agreements.Length);
    }

    [Fact]
    public void Options_parse_and_reject_bad_input_with_the_option_named()
    {
        var o = BenchOptions.Parse(["--scale", "10k", "--runs", "5", "--no-kuzu"]);
        Assert.Equal(10_000, o.Shape.Experts);
        Assert.Equal(5, o.Runs);
        Assert.True(o.SkipKuzu);
        Assert.False(o.SkipUnwind);
        Assert.True(BenchOptions.Parse(["--no-unwind"]).SkipUnwind);
        Assert.Contains("'huge'", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--scale", "huge"])).Message);
        Assert.Contains("--runs", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--runs", "x"])).Message);
        Assert.Contains("--bogus", Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--bogus"])).Message);
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        double[] xs = [5, 1, 3, 2, 4];
        Assert.Equal(3, Measure.Median(xs));
        Assert.Equal(1.4, Measure.Percentile(xs, 0.1), 6);
        Assert.Equal(4.6, Measure.Percentile(xs, 0.9), 6);
    }

    [Fact]
    public void Csv_round_trips_typed_rows()
    {
        var d = new SyntheticDebate(Shape with { Experts = 50, Claims = 10, Stances = 100 });
        var dir = Path.Combine(Path.GetTempPath(), "graph-bench-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var counts = BenchTables.WriteCsv(d, dir);
            var endorses = BenchTables.ReadCsv(dir, BenchTables.Endorses).ToList();
            Assert.Equal(counts["ENDORSES"], endorses.Count);
            Assert.IsType<double>(endorses[0]["confidence"]);
            Assert.IsType<long>(BenchTables.ReadCsv(dir, BenchTables.AlignsWith).First()["sign"]);
            Assert.Equal(50, BenchTables.ReadCsv(dir, BenchTables.Expert).Count());
        }
        finally { Directory.Delete(dir, true); }
    }
}
