using Graph.Queries.Lookup;
using Graph.Queries.Text;
using static Graph.Queries.Tests.SmallDebate;

namespace Graph.Queries.Tests;

public class LookupTests
{
    private readonly EntityIndex _index = EntityIndex.From(Snapshot());

    [Theory]
    [InlineData("Raúl Delgado-Wise", "raul delgado wise")]
    [InlineData("  Ana  MARÍA Núñez ", "ana maria nunez")]
    [InlineData("Eva Ølsen", "eva olsen")]
    [InlineData("O'Neill, J.", "oneill j")]
    public void Folding_removes_accents_case_and_punctuation(string text, string expected) =>
        Assert.Equal(expected, NameText.Fold(text));

    [Theory]
    [InlineData("ana-nunez", Ana)]          // id
    [InlineData("ANA-NUNEZ", Ana)]          // id, any case
    [InlineData("ana maria nunez", Ana)]    // whole name without accents
    [InlineData("A. M. Nunez", Ana)]        // alias
    [InlineData("Núñez", Ana)]              // one word of the name
    [InlineData("Raul Delgado", Fay)]       // words of the name, accent-insensitive
    [InlineData("Benjamin", Ben)]
    [InlineData("dan schm", Dan)]           // prefixes of words
    [InlineData("eva olsen", Eva)]          // Ø folds to o
    public void Finds_experts_by_id_name_alias_words_and_prefixes(string query, string expected)
    {
        var result = _index.Resolve(query, EntityKind.Expert);
        Assert.Equal(LookupStatus.Found, result.Status);
        Assert.Equal(expected, result.Single.Id);
    }

    [Fact]
    public void An_ambiguous_name_lists_every_candidate()
    {
        var result = _index.Resolve("Ortega", EntityKind.Expert);
        Assert.Equal(LookupStatus.Ambiguous, result.Status);
        Assert.Equal([Ben, Cid], result.Matches.Select(m => m.Id).Order());
        Assert.Contains("Benjamín Ortega", result.Explain());
        Assert.Contains("Cid Ortega Ruiz", result.Explain());
    }

    [Fact]
    public void Whole_word_matches_win_over_prefix_matches()
    {
        // "ben" is a whole word of no name, so prefixes decide: only Benjamín starts with "ben".
        Assert.Equal(Ben, _index.Resolve("ben", EntityKind.Expert).Single.Id);
    }

    [Fact]
    public void An_unknown_name_gets_the_closest_names_as_suggestions()
    {
        var result = _index.Resolve("Schmitt", EntityKind.Expert);
        Assert.Equal(LookupStatus.NotFound, result.Status);
        Assert.Empty(result.Matches);
        Assert.Equal(Dan, result.Suggestions[0].Id); // one substitution away from "schmidt"
        Assert.Contains("Did you mean: Daniel Schmidt", result.Explain());
    }

    [Fact]
    public void Institutions_are_found_by_acronym_and_claims_and_paradigms_by_id_or_words()
    {
        Assert.Equal("uni", _index.Resolve("UP", EntityKind.Institution, EntityKind.Expert).Single.Id);
        Assert.Equal("lab", _index.Resolve("laboratorio migracion", EntityKind.Institution).Single.Id);
        Assert.Equal("c3", _index.Resolve("remittances", EntityKind.Claim).Single.Id);
        Assert.Equal("human-development", _index.Resolve("Human Development", EntityKind.Paradigm).Single.Id);
    }

    [Fact]
    public void Empty_query_finds_nothing_without_throwing() =>
        Assert.Equal(LookupStatus.NotFound, _index.Resolve("  -- ", EntityKind.Expert).Status);
}
