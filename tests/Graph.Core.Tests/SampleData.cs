namespace Graph.Core.Tests;

/// <summary>
/// A small, valid graph-data directory written to a temp folder. Tests overwrite one file with a broken variant
/// and check the one diagnostic it causes.
/// </summary>
public sealed class SampleData : IDisposable
{
    public const string SourceText =
        "Opening remarks by the chair.\n" +
        "The meeting discussed migration\n" +
        "governance at length.\n" +
        "Migrants contribute to development \u2014 and they have \u201Crights\u201D.\n" +
        "Borders must be secured first.\n";

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["documents/doc-a/text.txt"] = SourceText,
        ["documents/doc-a/document.yaml"] = """
            id: doc-a
            symbol: LC/L.0001
            title: A test meeting
            date: 2013-05-02
            publisher: ECLAC
            citation: ECLAC (2013), A test meeting.
            text: text.txt
            """,
        ["registry/paradigms.yaml"] = """
            paradigms:
              - id: securitization
                name: Securitization
                description: Migration as a security matter.
                quote: Borders must be secured first.
                section: "1"
                source: doc-a
            """,
        ["registry/institutions.yaml"] = """
            institutions:
              - id: un
                name: United Nations
                acronym: UN
                type: un-body
              - id: eclac
                name: Economic Commission for Latin America and the Caribbean
                acronym: ECLAC
                type: un-body
                parent: un
            """,
        ["registry/experts.yaml"] = """
            experts:
              - id: ana
                name: Ana Pérez
                aliases: [A. Pérez]
                country: Chile
                roles: [speaker]
                affiliations:
                  - institution: eclac
                    role: director
              - id: bruno
                name: Bruno Silva
                roles: [speaker, moderator]
                affiliations:
                  - institution: un
            """,
        ["documents/doc-a/sessions.yaml"] = """
            sessions:
              - id: s1
                number: 1
                title: Opening
                date: 2013-05-02
                moderators: [bruno]
                speakers: [ana]
            """,
        ["registry/claims.yaml"] = """
            claims:
              - id: migrants-contribute
                text: Migrants contribute to development.
                topic: development
                paradigms:
                  - paradigm: securitization
                    sign: opposes
              - id: secure-borders
                text: Borders must be secured first.
                topic: security
                paradigms:
                  - paradigm: securitization
                    sign: supports
                relations:
                  - contradicts: migrants-contribute
            """,
        ["documents/doc-a/stances.yaml"] = """
            stances:
              - expert: ana
                claim: migrants-contribute
                stance: endorses
                coder: tester
                quote: Migrants contribute to development - and they have "rights".
                section: "2"
              - expert: bruno
                claim: secure-borders
                stance: endorses
                coder: tester
                quote: Borders must be secured first.
                section: "3"
                confidence: 0.8
                note: said in passing
              - expert: ana
                claim: secure-borders
                stance: criticizes
                coder: tester
                quote: "discussed migration governance"
                section: "1"
            """,
    };

    public SampleData()
    {
        Root = Path.Combine(Path.GetTempPath(), "graph-core-tests", Guid.NewGuid().ToString("n"));
        Directory = Path.Combine(Root, "graph-data");
        foreach (var (path, content) in Files) Write(path, content);
    }

    public string Root { get; }

    /// <summary>The graph-data directory (messages show paths starting with "graph-data/").</summary>
    public string Directory { get; }

    public void Write(string relativePath, string content)
    {
        var full = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void WriteBytes(string relativePath, byte[] content) => File.WriteAllBytes(Path.Combine(Directory, relativePath), content);

    /// <summary>Replaces the first occurrence of <paramref name="oldText"/> in a file (which must contain it).</summary>
    public void Replace(string relativePath, string oldText, string newText)
    {
        var full = Path.Combine(Directory, relativePath);
        var text = File.ReadAllText(full);
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' is not in {relativePath}");
        File.WriteAllText(full, text[..at] + newText + text[(at + oldText.Length)..]);
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Directory, relativePath));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public static class SampleDataExtensions
{
    public static string ReadSample(this SampleData _, string relativePath) => SampleData.Files[relativePath];
}
