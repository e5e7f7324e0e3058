using System.Text;

namespace Graph.Core.Generation;

/// <summary>
/// Writes a synthetic corpus in the graph-data format, deterministic for a seed, for measuring ingestion and queries
/// at scale. The registry holds paradigms, institutions, experts and claims; stances are spread over as many
/// documents as needed (documents/synthetic-NNN/), each with a text that contains its quotes; the first document
/// also holds the sessions. Every stance's coder is `generator`. Experts and
/// claims are drawn from Zipf distributions; an expert's camp (one of the three paradigms) makes it likely to
/// endorse the claims aligned with it and criticize the others, so agreement networks have structure.
/// Everything is streamed to disk: memory holds only the set of (expert, claim) pairs already used.
/// </summary>
public sealed class SyntheticCorpus
{
    private static readonly string[] Paradigms = ["securitization", "shared-benefits", "human-development"];
    private static readonly string[] Topics = ["rights", "labour", "borders", "remittances", "climate", "integration", "statistics", "diaspora"];
    private static readonly string[] Countries = ["Argentina", "Brazil", "Chile", "Colombia", "Ecuador", "Mexico", "Peru", "Uruguay"];
    private static readonly string[] Verbs = ["stressed", "argued", "noted", "observed", "pointed out", "emphasized"];

    private readonly SyntheticCorpusOptions _o;

    public SyntheticCorpus(SyntheticCorpusOptions options)
    {
        if (options.Experts < 2 || options.Claims < 1 || options.Stances < 0)
            throw new ArgumentException("A synthetic corpus needs at least 2 experts, 1 claim and 0 stances.");
        if (options.Stances > (long)options.Experts * options.Claims)
            throw new ArgumentException($"{options.Stances} stances cannot be distinct (expert, claim) pairs with {options.Experts} experts and {options.Claims} claims.");
        _o = options;
    }

    public static string ExpertId(int i) => $"expert-{i:D6}";
    public static string ClaimId(int i) => $"claim-{i:D6}";
    public static string InstitutionId(int i) => $"institution-{i:D5}";
    public static string SessionId(int i) => $"session-{i:D4}";
    public static string DocumentId(int i) => $"synthetic-{i:D3}";

    public int InstitutionCount => Math.Max(2, _o.Experts / 20);
    public int SessionCount => Math.Max(1, _o.Experts / 200);

    public SyntheticCorpusSummary Write(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "registry"));
        var random = new Random(_o.Seed);
        var documents = (int)Math.Max(1, (_o.Stances + _o.StancesPerDocument - 1) / _o.StancesPerDocument);

        for (var d = 0; d < documents; d++) WriteSource(directory, d);
        WriteParadigms(directory);
        WriteInstitutions(directory);
        WriteExperts(directory, random);
        WriteSessions(directory);
        WriteClaims(directory, random);
        WriteStances(directory, documents, random);

        var bytes = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        return new SyntheticCorpusSummary(documents, _o.Experts, InstitutionCount, SessionCount, _o.Claims, _o.Stances, bytes);
    }

    private static StreamWriter Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    private static string Q(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public const string Coder = "generator";

    private static string DocumentFolder(string directory, int d) => Path.Combine(directory, "documents", DocumentId(d));

    private void WriteSource(string directory, int d)
    {
        var id = DocumentId(d);
        using var w = Open(Path.Combine(DocumentFolder(directory, d), "document.yaml"));
        w.WriteLine($"id: {id}");
        w.WriteLine($"symbol: SYN/{d:D3}");
        w.WriteLine($"title: {Q($"Synthetic debate {d} (seed {_o.Seed})")}");
        // One document a month from 2013 on, so time windows have something to cut.
        w.WriteLine($"date: {new DateOnly(2013, 1, 15).AddMonths(d):yyyy-MM-dd}");
        w.WriteLine("publisher: Graph synthetic corpus generator");
        w.WriteLine($"citation: {Q($"Synthetic corpus, seed {_o.Seed}, document {d}; generated for benchmarks, not real statements.")}");
        w.WriteLine("text: text.txt");
    }

    private void WriteParadigms(string directory)
    {
        using var w = Open(Path.Combine(directory, "registry", "paradigms.yaml"));
        w.WriteLine("paradigms:");
        foreach (var p in Paradigms)
        {
            w.WriteLine($"  - id: {p}");
            w.WriteLine($"    name: {Q(p)}");
            w.WriteLine($"    description: {Q($"The {p} paradigm of migration governability.")}");
            w.WriteLine($"    quote: {Q(ParadigmQuote(p))}");
            w.WriteLine("    section: A");
            w.WriteLine($"    source: {DocumentId(0)}");
        }
    }

    private static string ParadigmQuote(string paradigm) => $"Migration governability can be read through the lens of {paradigm}.";

    private void WriteInstitutions(string directory)
    {
        using var w = Open(Path.Combine(directory, "registry", "institutions.yaml"));
        w.WriteLine("institutions:");
        for (var i = 0; i < InstitutionCount; i++)
        {
            w.WriteLine($"  - id: {InstitutionId(i)}");
            w.WriteLine($"    name: {Q($"Institution {i}")}");
            w.WriteLine($"    type: {(i % 4) switch { 0 => "government", 1 => "university", 2 => "civil-society", _ => "un-body" }}");
            w.WriteLine($"    country: {Countries[i % Countries.Length]}");
            if (i >= 10) w.WriteLine($"    parent: {InstitutionId(i % 10)}");
        }
    }

    private void WriteExperts(string directory, Random random)
    {
        var institutions = new ZipfSampler(InstitutionCount, _o.Skew);
        using var w = Open(Path.Combine(directory, "registry", "experts.yaml"));
        w.WriteLine("experts:");
        for (var i = 0; i < _o.Experts; i++)
        {
            w.WriteLine($"  - id: {ExpertId(i)}");
            w.WriteLine($"    name: {Q($"Expert {i}")}");
            w.WriteLine($"    country: {Countries[random.Next(Countries.Length)]}");
            w.WriteLine($"    roles: [{(i % SessionCountSafe() == 0 ? "moderator" : "speaker")}]");
            w.WriteLine($"    affiliations:");
            w.WriteLine($"      - institution: {InstitutionId(institutions.Sample(random))}");
        }
    }

    private int SessionCountSafe() => Math.Max(1, _o.Experts / SessionCount);

    private void WriteSessions(string directory)
    {
        using var w = Open(Path.Combine(DocumentFolder(directory, 0), "sessions.yaml"));
        w.WriteLine("sessions:");
        var perSession = SessionCountSafe();
        for (var s = 0; s < SessionCount; s++)
        {
            var first = s * perSession;
            w.WriteLine($"  - id: {SessionId(s)}");
            w.WriteLine($"    number: {s + 1}");
            w.WriteLine($"    title: {Q($"Session {s + 1}")}");
            w.WriteLine("    date: 2013-05-02");
            w.WriteLine($"    moderators: [{ExpertId(first)}]");
            var speakers = Enumerable.Range(first + 1, Math.Min(20, perSession - 1)).Where(e => e < _o.Experts).Select(ExpertId);
            w.WriteLine($"    speakers: [{string.Join(", ", speakers)}]");
        }
    }

    private void WriteClaims(string directory, Random random)
    {
        using var w = Open(Path.Combine(directory, "registry", "claims.yaml"));
        w.WriteLine("claims:");
        for (var c = 0; c < _o.Claims; c++)
        {
            w.WriteLine($"  - id: {ClaimId(c)}");
            w.WriteLine($"    text: {Q($"Claim {c} about {Topics[c % Topics.Length]}.")}");
            w.WriteLine($"    topic: {Topics[c % Topics.Length]}");
            w.WriteLine("    paradigms:");
            w.WriteLine($"      - {{paradigm: {Paradigms[c % 3]}, sign: supports}}");
            if (c > 0 && random.Next(4) == 0)
            {
                w.WriteLine("    relations:");
                w.WriteLine($"      - {(random.Next(2) == 0 ? "supports" : "contradicts")}: {ClaimId(random.Next(c))}");
            }
        }
    }

    private void WriteStances(string directory, int documents, Random random)
    {
        var experts = new ZipfSampler(_o.Experts, _o.Skew);
        var claims = new ZipfSampler(_o.Claims, _o.Skew);
        var used = new HashSet<long>();
        long written = 0;
        for (var d = 0; d < documents; d++)
        {
            using var yaml = Open(Path.Combine(DocumentFolder(directory, d), "stances.yaml"));
            using var text = Open(Path.Combine(DocumentFolder(directory, d), "text.txt"));
            yaml.WriteLine("stances:");
            text.WriteLine($"Synthetic debate {d}. Generated statements, one per line.");
            if (d == 0) foreach (var p in Paradigms) text.WriteLine(ParadigmQuote(p));
            var end = Math.Min(_o.Stances, written + _o.StancesPerDocument);
            for (; written < end; written++)
            {
                // Cover every claim once first, so that no claim is left without a stance when there are enough.
                var claim = written < _o.Claims ? (int)written : claims.Sample(random);
                var expert = experts.Sample(random);
                var attempts = 0;
                while (!used.Add((long)expert * _o.Claims + claim))
                {
                    if (++attempts > 32) (expert, claim) = (random.Next(_o.Experts), random.Next(_o.Claims));
                    else expert = experts.Sample(random);
                }
                var aligned = expert % 3 == claim % 3;
                var endorses = random.NextDouble() < (aligned ? 0.85 : 0.3);
                var quote = $"{Verbs[written % Verbs.Length]} that claim {claim} {(endorses ? "holds" : "does not hold")} (statement {written}).";
                text.WriteLine($"Expert {expert} {quote}");
                yaml.WriteLine($"  - expert: {ExpertId(expert)}");
                yaml.WriteLine($"    claim: {ClaimId(claim)}");
                yaml.WriteLine($"    stance: {(endorses ? "endorses" : "criticizes")}");
                yaml.WriteLine($"    coder: {Coder}");
                yaml.WriteLine($"    quote: {Q(quote)}");
                yaml.WriteLine($"    section: {(char)('A' + written % 8)}");
                if (written % 10 == 0)
                {
                    yaml.WriteLine("    confidence: 0.7");
                    yaml.WriteLine("    note: synthetic uncertainty");
                }
            }
        }
    }
}
