using System.Globalization;
using System.Text;

namespace Graph.Bench.Data;

public enum ColumnType { String, Int, Double }

public sealed record Column(string Name, ColumnType Type);

/// <summary>A node label or relationship type, the CSV file that carries it, and its property columns.</summary>
public sealed record Table(string Name, IReadOnlyList<Column> Columns, string? From = null, string? To = null)
{
    public bool IsRelationship => From is not null;
    public string File => Name + ".csv";
}

/// <summary>
/// The benchmark's schema, written once as CSV and loaded by both engines: Kùzu with COPY FROM, ours with batched
/// UNWIND ... CREATE. Values never contain commas or quotes, so the CSV needs no quoting.
/// </summary>
public static class BenchTables
{
    private static Column S(string name) => new(name, ColumnType.String);

    public static readonly Table Paradigm = new("Paradigm", [S("id"), S("name")]);
    public static readonly Table Institution = new("Institution", [S("id"), S("name"), S("type"), S("country")]);
    public static readonly Table Expert = new("Expert", [S("id"), S("name"), S("country")]);
    public static readonly Table Claim = new("Claim", [S("id"), S("text"), S("topic")]);
    public static readonly Table AffiliatedWith = new("AFFILIATED_WITH", [S("role")], "Expert", "Institution");
    public static readonly Table AlignsWith = new("ALIGNS_WITH", [new("sign", ColumnType.Int)], "Claim", "Paradigm");
    public static readonly Table Endorses = new("ENDORSES", [new("confidence", ColumnType.Double), S("section")], "Expert", "Claim");
    public static readonly Table Criticizes = new("CRITICIZES", [new("confidence", ColumnType.Double), S("section")], "Expert", "Claim");
    public static readonly Table AgreesWith = new("AGREES_WITH", [new("weight", ColumnType.Int)], "Expert", "Expert");

    /// <summary>In load order: nodes before the relationships that connect them.</summary>
    public static readonly Table[] All = [Paradigm, Institution, Expert, Claim, AffiliatedWith, AlignsWith, Endorses, Criticizes, AgreesWith];

    public static string KuzuDdl(Table t)
    {
        string Type(ColumnType c) => c switch { ColumnType.Int => "INT64", ColumnType.Double => "DOUBLE", _ => "STRING" };
        var columns = string.Join(", ", t.Columns.Select(c => $"{c.Name} {Type(c.Type)}"));
        return t.IsRelationship
            ? $"CREATE REL TABLE {t.Name}(FROM {t.From} TO {t.To}{(columns.Length > 0 ? ", " + columns : "")})"
            : $"CREATE NODE TABLE {t.Name}({columns}, PRIMARY KEY (id))";
    }

    /// <summary>Writes every table of <paramref name="debate"/> to <paramref name="directory"/>; returns rows per table.</summary>
    public static Dictionary<string, long> WriteCsv(SyntheticDebate debate, string directory)
    {
        Directory.CreateDirectory(directory);
        var counts = new Dictionary<string, long>();
        var ic = CultureInfo.InvariantCulture;
        void Write(Table t, IEnumerable<string> rows)
        {
            using var w = new StreamWriter(Path.Combine(directory, t.File), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            w.WriteLine(string.Join(",", (t.IsRelationship ? new[] { "from", "to" } : []).Concat(t.Columns.Select(c => c.Name))));
            long n = 0;
            foreach (var row in rows) { w.WriteLine(row); n++; }
            counts[t.Name] = n;
        }
        var shape = debate.Shape;
        string E(int i) => SyntheticDebate.ExpertId(i);
        string C(int i) => SyntheticDebate.ClaimId(i);
        Write(Paradigm, SyntheticDebate.Paradigms.Select(p => $"{p},Paradigm {p}"));
        Write(Institution, Enumerable.Range(0, shape.Institutions).Select(i =>
            $"{SyntheticDebate.InstitutionId(i)},Institution {i},{SyntheticDebate.InstitutionTypes[i % 4]},{SyntheticDebate.Countries[i % 8]}"));
        Write(Expert, Enumerable.Range(0, shape.Experts).Select(e => $"{E(e)},Expert {e},{SyntheticDebate.Countries[debate.ExpertCountry[e]]}"));
        Write(Claim, Enumerable.Range(0, shape.Claims).Select(c =>
            $"{C(c)},Claim {c} about {SyntheticDebate.Topics[c % 8]},{SyntheticDebate.Topics[c % 8]}"));
        Write(AffiliatedWith, Enumerable.Range(0, shape.Experts).Select(e =>
            $"{E(e)},{SyntheticDebate.InstitutionId(debate.ExpertInstitution[e])},{(e % 7 == 0 ? "director" : "member")}"));
        Write(AlignsWith, debate.Alignments.Select(a => $"{C(a.Claim)},{SyntheticDebate.Paradigms[a.Paradigm]},{a.Sign}"));
        IEnumerable<string> Stances(bool endorses) => Enumerable.Range(0, debate.StanceExpert.Length)
            .Where(s => debate.StanceEndorses[s] == endorses)
            .Select(s => $"{E(debate.StanceExpert[s])},{C(debate.StanceClaim[s])},{SyntheticDebate.Confidence(s).ToString("0.0", ic)},{(char)('A' + s % 8)}");
        Write(Endorses, Stances(true));
        Write(Criticizes, Stances(false));
        Write(AgreesWith, debate.Agreements.Select(a => $"{E(a.A)},{E(a.B)},{a.Weight}"));
        return counts;
    }

    /// <summary>Reads a table's CSV back as typed rows (our engine's bulk path), keyed like the columns ("from"/"to" for endpoints).</summary>
    public static IEnumerable<Dictionary<string, object?>> ReadCsv(string directory, Table t)
    {
        using var reader = new StreamReader(Path.Combine(directory, t.File), Encoding.UTF8, false, 1 << 16);
        var header = reader.ReadLine()?.Split(',') ?? throw new InvalidDataException($"{t.File} is empty.");
        var types = header.Select(h => t.Columns.FirstOrDefault(c => c.Name == h)?.Type ?? ColumnType.String).ToArray();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            var row = new Dictionary<string, object?>(fields.Length);
            for (var i = 0; i < fields.Length; i++)
                row[header[i]] = types[i] switch
                {
                    ColumnType.Int => long.Parse(fields[i], CultureInfo.InvariantCulture),
                    ColumnType.Double => double.Parse(fields[i], CultureInfo.InvariantCulture),
                    _ => fields[i],
                };
            yield return row;
        }
    }
}
