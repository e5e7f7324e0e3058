using Graph.Core.Generation;

namespace Graph.Bench.Data;

/// <summary>Size and shape of a synthetic debate.</summary>
public sealed record DebateShape
{
    public int Experts { get; init; } = 10_000;
    public int Claims { get; init; } = 1_000;
    public long Stances { get; init; } = 100_000;
    public int Seed { get; init; } = 42;

    /// <summary>Zipf exponent of expert activity: moderate, so the most prolific expert takes a stance on a fraction of the claims, not all.</summary>
    public double ExpertSkew { get; init; } = 0.5;

    /// <summary>Zipf exponent of claim popularity: a few popular claims, a long tail.</summary>
    public double ClaimSkew { get; init; } = 0.7;

    /// <summary>
    /// AGREES_WITH is derived only through claims with at most this many participants of one polarity: the full
    /// congruence network is quadratic in a claim's participants (10k endorsers make 50M pairs).
    /// </summary>
    public int AgreementCap { get; init; } = 24;

    public int Institutions => Math.Max(2, Experts / 20);
}

/// <summary>
/// A deterministic synthetic debate held in flat arrays (no per-entity objects), so that 10M stances fit:
/// experts with a camp (one of three paradigms) and an institution, claims aligned with paradigms, and stances drawn
/// from two Zipf distributions (a few prolific experts and popular claims), endorsing mostly what the camp supports.
/// </summary>
public sealed class SyntheticDebate
{
    public static readonly string[] Paradigms = ["securitization", "shared-benefits", "human-development"];
    public static readonly string[] Topics = ["rights", "labour", "borders", "remittances", "climate", "integration", "statistics", "diaspora"];
    public static readonly string[] Countries = ["Argentina", "Brazil", "Chile", "Colombia", "Ecuador", "Mexico", "Peru", "Uruguay"];
    public static readonly string[] InstitutionTypes = ["government", "university", "civil-society", "un-body"];

    public DebateShape Shape { get; }
    public int[] ExpertInstitution { get; }
    public int[] ExpertCountry { get; }
    /// <summary>Stance i: expert, claim, endorses (else criticizes), confidence in tenths.</summary>
    public int[] StanceExpert { get; }
    public int[] StanceClaim { get; }
    public bool[] StanceEndorses { get; }
    /// <summary>Claim c supports paradigm c % 3; every fifth claim also opposes the next paradigm.</summary>
    public (int Claim, int Paradigm, int Sign)[] Alignments { get; }
    /// <summary>Stored AGREES_WITH pairs (smaller expert index first) with their weight.</summary>
    public (int A, int B, int Weight)[] Agreements { get; }
    /// <summary>Estimated rows of the full ENDORSES congruence network: Σ over claims of n_c (n_c - 1) / 2.</summary>
    public long EndorsementPairEstimate { get; }
    /// <summary>Pairs of experts sharing a claim whatever their polarity (what a full AGREES_WITH + DISAGREES_WITH derivation visits).</summary>
    public long ParticipantPairEstimate { get; }

    public static string ExpertId(int i) => $"e{i:D7}";
    public static string ClaimId(int i) => $"c{i:D6}";
    public static string InstitutionId(int i) => $"i{i:D5}";

    public SyntheticDebate(DebateShape shape)
    {
        if (shape.Experts < 2 || shape.Claims < 1) throw new ArgumentException("A synthetic debate needs at least 2 experts and 1 claim.");
        if (shape.Stances > (long)shape.Experts * shape.Claims / 2)
            throw new ArgumentException($"{shape.Stances} stances is too many for {shape.Experts} experts × {shape.Claims} claims.");
        Shape = shape;
        var random = new Random(shape.Seed);
        var institutions = new ZipfSampler(shape.Institutions, 1.0);
        ExpertInstitution = new int[shape.Experts];
        ExpertCountry = new int[shape.Experts];
        for (var e = 0; e < shape.Experts; e++)
        {
            ExpertInstitution[e] = institutions.Sample(random);
            ExpertCountry[e] = random.Next(Countries.Length);
        }
        Alignments = Enumerable.Range(0, shape.Claims)
            .SelectMany(c => c % 5 == 0 ? new[] { (c, c % 3, 1), (c, (c + 1) % 3, -1) } : new[] { (c, c % 3, 1) })
            .ToArray();

        var n = checked((int)shape.Stances);
        StanceExpert = new int[n];
        StanceClaim = new int[n];
        StanceEndorses = new bool[n];
        var experts = new ZipfSampler(shape.Experts, shape.ExpertSkew);
        var claims = new ZipfSampler(shape.Claims, shape.ClaimSkew);
        var used = new HashSet<long>(n);
        for (var s = 0; s < n; s++)
        {
            // Every claim gets a stance first, so none is left empty.
            var claim = s < shape.Claims ? s : claims.Sample(random);
            var expert = experts.Sample(random);
            for (var attempt = 0; !used.Add((long)expert * shape.Claims + claim); attempt++)
            {
                if (attempt < 8) expert = experts.Sample(random);
                else (expert, claim) = (random.Next(shape.Experts), random.Next(shape.Claims));
            }
            StanceExpert[s] = expert;
            StanceClaim[s] = claim;
            StanceEndorses[s] = random.NextDouble() < (expert % 3 == claim % 3 ? 0.85 : 0.3);
        }
        (Agreements, EndorsementPairEstimate, ParticipantPairEstimate) = DeriveAgreements();
    }

    /// <summary>Confidence of a stance: 1.0 for most, 0.7 for every tenth (as curated data marks uncertain ones).</summary>
    public static double Confidence(int stance) => stance % 10 == 0 ? 0.7 : 1.0;

    private ((int, int, int)[], long, long) DeriveAgreements()
    {
        // Participants per (claim, polarity), as CSR over claims.
        var byClaim = new List<int>[Shape.Claims * 2];
        for (var s = 0; s < StanceExpert.Length; s++)
        {
            var key = StanceClaim[s] * 2 + (StanceEndorses[s] ? 1 : 0);
            (byClaim[key] ??= []).Add(StanceExpert[s]);
        }
        long estimate = 0, all = 0;
        for (var c = 0; c < Shape.Claims; c++)
        {
            long n = (byClaim[2 * c]?.Count ?? 0) + (byClaim[2 * c + 1]?.Count ?? 0);
            all += n * (n - 1) / 2;
        }
        var weights = new Dictionary<long, int>();
        for (var key = 0; key < byClaim.Length; key++)
        {
            var list = byClaim[key];
            if (list is null) continue;
            if (key % 2 == 1) estimate += (long)list.Count * (list.Count - 1) / 2;
            if (list.Count > Shape.AgreementCap) continue;
            for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
            {
                var (a, b) = list[i] < list[j] ? (list[i], list[j]) : (list[j], list[i]);
                var pair = (long)a * Shape.Experts + b;
                weights[pair] = weights.GetValueOrDefault(pair) + 1;
            }
        }
        var result = weights.Select(kv => ((int)(kv.Key / Shape.Experts), (int)(kv.Key % Shape.Experts), kv.Value)).ToArray();
        Array.Sort(result);
        return (result, estimate, all);
    }
}
