using Graph.Core.Diagnostics;

namespace Graph.Core.Tests;

public sealed class ValidatorTests : IDisposable
{
    private readonly SampleData _data = new();

    public void Dispose() => _data.Dispose();

    private GraphDataResult Load() => GraphData.Load(_data.Directory);

    /// <summary>The run must report exactly one error; returns it.</summary>
    private Diagnostic SingleError()
    {
        var result = Load();
        var errors = result.Errors.ToList();
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", result.Diagnostics));
        return errors[0];
    }

    [Fact]
    public void Sample_data_is_valid_and_reads_every_entity()
    {
        var result = Load();

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Data.Documents);
        Assert.Equal(2, result.Data.Institutions.Count());
        Assert.Equal(["ana", "bruno"], result.Data.Experts.Select(e => e.Id));
        Assert.Equal(3, result.Data.Stances.Count());
        Assert.All(result.Data.Stances, s => Assert.Equal(("doc-a", "tester"), (s.Source, s.Coder)));
        Assert.Equal("un", result.Data.Institutions.Single(i => i.Id == "eclac").Parent!.Id);
    }

    [Fact]
    public void Quote_lines_are_recorded_after_normalizing_whitespace_quotes_and_dashes()
    {
        var stances = Load().Data.Stances.ToList();

        Assert.Equal(4, stances[0].Line); // em dash and curly quotes in the text, '-' and '"' in the YAML
        Assert.Equal(5, stances[1].Line);
        Assert.Equal(2, stances[2].Line); // the quote spans a line break
    }

    [Fact]
    public void Quote_not_in_the_source_names_file_line_field_and_fix()
    {
        _data.Replace("documents/doc-a/stances.yaml", "quote: Borders must be secured first.", "quote: Borders must be closed.");

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-a/stances.yaml:12: stances[1].quote: the quote does not occur in graph-data/documents/doc-a/text.txt; copy it verbatim from the source",
            error.ToString());
    }

    [Fact]
    public void Malformed_yaml_reports_the_parser_line_and_column()
    {
        _data.Write("registry/claims.yaml", "claims:\n  - id: a\n    text: [unclosed\n    topic: x\n");

        var error = SingleError();

        Assert.Equal("graph-data/registry/claims.yaml", error.Location.File);
        Assert.True(error.Location.Line >= 3, error.ToString());
        Assert.StartsWith($"malformed YAML at line {error.Location.Line}, column {error.Location.Column}:", error.Message);
    }

    [Fact]
    public void Wrong_type_names_the_expected_type()
    {
        _data.Replace("documents/doc-a/sessions.yaml", "number: 1", "number: one");

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-a/sessions.yaml:3: sessions[0].number: expected a whole number but found 'one'", error.ToString());
    }

    [Theory]
    [InlineData("2013-5-2")]
    [InlineData("2013-02-30")]
    [InlineData("May 2, 2013")]
    public void A_date_that_is_not_yyyy_MM_dd_names_the_place_and_the_form(string date)
    {
        _data.Replace("documents/doc-a/sessions.yaml", "date: 2013-05-02", $"date: {date}");

        var error = SingleError();

        Assert.Equal($"graph-data/documents/doc-a/sessions.yaml:5: sessions[0].date: '{date}' is not a date; write it as yyyy-MM-dd (2013-07-10)", error.ToString());
    }

    [Fact]
    public void A_mapping_where_text_is_expected_is_a_wrong_type()
    {
        _data.Replace("registry/experts.yaml", "country: Chile", "country: {name: Chile}");

        var error = SingleError();

        Assert.Equal("experts[0].country", error.Field);
        Assert.Equal(5, error.Location.Line);
        Assert.Contains("expected a text value but found a mapping", error.Message);
    }

    [Fact]
    public void Unknown_field_suggests_the_closest_known_one()
    {
        _data.Replace("registry/experts.yaml", "country: Chile", "contry: Chile");

        var error = SingleError();

        Assert.Equal("experts[0].contry", error.Field);
        Assert.Equal(5, error.Location.Line);
        Assert.StartsWith("unknown field 'contry' (did you mean 'country'?)", error.Message);
    }

    [Fact]
    public void Unknown_enum_value_suggests_the_closest_allowed_one()
    {
        _data.Replace("documents/doc-a/stances.yaml", "stance: criticizes", "stance: criticises");

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-a/stances.yaml:18: stances[2].stance: 'criticises' is not allowed (did you mean 'criticizes'?); use one of endorses, criticizes",
            error.ToString());
    }

    [Fact]
    public void Missing_required_field_points_at_the_entry()
    {
        _data.Replace("registry/claims.yaml", "    topic: security\n", "");

        var error = SingleError();

        Assert.Equal("graph-data/registry/claims.yaml:8: claims[1].topic: missing required field 'topic'; add a text value for 'topic' to this entry",
            error.ToString());
    }

    [Fact]
    public void Duplicate_id_points_at_the_copy_and_the_original()
    {
        _data.Replace("registry/institutions.yaml", "    parent: un", "    parent: un\n  - id: un\n    name: Copy\n    type: other");

        var error = SingleError();

        Assert.Equal("graph-data/registry/institutions.yaml:11: institutions[2].id: duplicate institution id 'un' (first defined at graph-data/registry/institutions.yaml:2); ids must be unique, rename one or remove the copy",
            error.ToString());
    }

    [Fact]
    public void Duplicate_session_ids_are_found_across_documents()
    {
        _data.Write("documents/doc-b/document.yaml", _data.ReadSample("documents/doc-a/document.yaml").Replace("id: doc-a", "id: doc-b"));
        _data.Write("documents/doc-b/text.txt", SampleData.SourceText);
        _data.Write("documents/doc-b/sessions.yaml", "sessions:\n  - id: s1\n    number: 1\n    title: Again\n    date: 2014-01-01\n");

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-b/sessions.yaml:2: sessions[0].id: duplicate session id 's1' (first defined at graph-data/documents/doc-a/sessions.yaml:2); session ids are unique across documents, rename one",
            error.ToString());
    }

    [Fact]
    public void A_document_refers_to_the_shared_registry_and_two_documents_may_record_the_same_stance()
    {
        _data.Write("documents/doc-b/document.yaml", "id: doc-b\ntitle: A later meeting\ndate: 2017-08-30\ntext: text.txt\n");
        _data.Write("documents/doc-b/text.txt", "Ana said again that borders must be secured first, and nobody agreed.\n");
        _data.Write("documents/doc-b/stances.yaml",
            "stances:\n  - expert: ana\n    claim: secure-borders\n    stance: criticizes\n    coder: tester\n    quote: borders must be secured first\n    section: '1'\n");

        var result = Load();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["doc-a", "doc-b"], result.Data.Documents.Select(d => d.Id));
        Assert.Equal(2, result.Data.Stances.Count(s => s.Expert.Id == "ana" && s.Claim.Id == "secure-borders"));
    }

    [Fact]
    public void Second_stance_of_an_expert_on_the_same_claim_is_an_error()
    {
        _data.Replace("documents/doc-a/stances.yaml", "  - expert: bruno\n    claim: secure-borders", "  - expert: ana\n    claim: migrants-contribute");

        var error = SingleError();

        Assert.Equal("stances[1]", error.Field);
        Assert.Equal(8, error.Location.Line);
        Assert.Contains("a second stance of expert 'ana' on claim 'migrants-contribute' in this coding (the first is at graph-data/documents/doc-a/stances.yaml:2)", error.Message);
    }

    [Theory]
    [InlineData("documents/doc-a/stances.yaml", "expert: bruno", "expert: brunno", 8, "stances[1].expert", "unknown expert 'brunno' (did you mean 'bruno'?); use the id of an expert defined in registry/experts.yaml")]
    [InlineData("documents/doc-a/stances.yaml", "claim: migrants-contribute", "claim: migrants-contributes", 3, "stances[0].claim", "unknown claim 'migrants-contributes' (did you mean 'migrants-contribute'?)")]
    [InlineData("registry/experts.yaml", "institution: eclac", "institution: cepal", 8, "experts[0].affiliations[0].institution", "unknown institution 'cepal'")]
    [InlineData("registry/claims.yaml", "sign: opposes", "sign: opposes\n  - paradigm: human-development\n    sign: supports", 8, "claims[0].paradigms[1].paradigm", "unknown paradigm 'human-development'")]
    [InlineData("documents/doc-a/stances.yaml", "section: \"2\"", "section: \"2\"\n    session: s2", 8, "stances[0].session", "unknown session 's2' (did you mean 's1'?)")]
    [InlineData("registry/institutions.yaml", "parent: un", "parent: unu", 10, "institutions[1].parent", "unknown institution 'unu' (did you mean 'un'?)")]
    [InlineData("documents/doc-a/sessions.yaml", "speakers: [ana]", "speakers: [ana, carla]", 7, "sessions[0].speakers[1]", "unknown expert 'carla'")]
    [InlineData("registry/claims.yaml", "contradicts: migrants-contribute", "contradicts: migrant-contributes", 15, "claims[1].relations[0].contradicts", "unknown claim 'migrant-contributes'")]
    public void Dangling_reference_names_the_field_and_the_missing_id(string file, string oldText, string newText, int line, string field, string message)
    {
        if (field.Contains("paradigms[1]")) newText = newText.Replace("\n  -", "\n      -").Replace("\n    sign", "\n        sign");
        _data.Replace(file, oldText, newText);

        var error = SingleError();

        Assert.Equal("graph-data/" + file, error.Location.File);
        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Location.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Expert_without_affiliation_is_an_error()
    {
        _data.Replace("registry/experts.yaml", "    affiliations:\n      - institution: un", "");

        var error = SingleError();

        Assert.Equal("graph-data/registry/experts.yaml:10: experts[1].affiliations: expert 'bruno' has no affiliation; add 'affiliations: [{institution: <institution id>, role: ...}]' (define the institution in registry/institutions.yaml)",
            error.ToString());
    }

    [Fact]
    public void Claim_without_stances_is_a_warning_not_an_error()
    {
        _data.Replace("registry/claims.yaml", "claims:\n", "claims:\n  - id: lonely\n    text: Nobody says this.\n    topic: none\n");

        var result = Load();

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("graph-data/registry/claims.yaml:2: claims[0]: claim 'lonely' has no stances; add a stance that cites it, or remove the claim", warning.ToString());
    }

    [Fact]
    public void Confidence_out_of_range_is_an_error()
    {
        _data.Replace("documents/doc-a/stances.yaml", "confidence: 0.8", "confidence: 1.5");

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-a/stances.yaml:8: stances[1].confidence: confidence 1.5 is out of range; use a number from 0 to 1 (1 = certain)", error.ToString());
    }

    [Fact]
    public void Confidence_below_one_needs_a_note()
    {
        _data.Replace("documents/doc-a/stances.yaml", "    note: said in passing\n", "");

        var error = SingleError();

        Assert.Equal("stances[1].note", error.Field);
        Assert.Contains("confidence is 0.8 but there is no note; add a 'note'", error.Message);
    }

    [Fact]
    public void Confidence_that_is_not_a_number_is_a_type_error()
    {
        _data.Replace("documents/doc-a/stances.yaml", "confidence: 0.8", "confidence: high");

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-a/stances.yaml:14: stances[1].confidence: expected a number but found 'high'", error.ToString());
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        _data.Write("registry/claims.yaml", "");

        var error = SingleError();

        Assert.Equal("graph-data/registry/claims.yaml: the file is empty; it should hold 'claims:' followed by a list", error.ToString());
    }

    [Fact]
    public void Wrong_top_level_key_suggests_the_right_one()
    {
        _data.Replace("registry/experts.yaml", "experts:", "expert:");

        var error = SingleError();

        Assert.Equal("expert", error.Field);
        Assert.StartsWith("unknown field 'expert' (did you mean 'experts'?)", error.Message);
    }

    [Fact]
    public void Binary_file_is_not_a_text_file()
    {
        _data.WriteBytes("documents/doc-a/stances.yaml", [0x73, 0x74, 0x00, 0x01, 0xFF, 0x00]);

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-a/stances.yaml", error.Location.File);
        Assert.StartsWith("not a text file (it contains a NUL byte at offset 2)", error.Message);
    }

    [Fact]
    public void Invalid_utf8_is_not_a_text_file()
    {
        _data.WriteBytes("registry/claims.yaml", [.. "claims:\n  - id: caf"u8, 0xE9, .. "\n"u8]);

        var error = SingleError();

        // Strict UTF-8: the invalid byte is named by file:line:column (line 2, after "  - id: caf").
        Assert.Equal("graph-data/registry/claims.yaml:2:12: invalid UTF-8 (byte 0xE9 at byte offset 19); graph-data files are read as UTF-8: re-save the file as UTF-8",
            error.ToString());
    }

    [Fact]
    public void Huge_file_is_refused_from_its_size_without_reading_it()
    {
        var path = Path.Combine(_data.Directory, "documents", "doc-a", "stances.yaml");
        using (var stream = File.Create(path)) stream.SetLength(50L * 1024 * 1024); // sparse: quick to make

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = SingleError();
        watch.Stop();

        Assert.Equal("graph-data/documents/doc-a/stances.yaml: the file is too large (50 MiB; the limit is 32 MiB); split the document into several folders", error.ToString());
        Assert.True(watch.ElapsedMilliseconds < 2000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Missing_source_text_is_reported_on_the_text_field()
    {
        _data.Replace("documents/doc-a/document.yaml", "text: text.txt", "text: doc-x.txt");

        var error = SingleError();

        Assert.Equal("graph-data/documents/doc-a/document.yaml:7: text: graph-data/documents/doc-a/doc-x.txt: the file does not exist; 'text' must name the document's text relative to its folder",
            error.ToString());
    }

    [Fact]
    public void Unknown_file_in_a_document_folder_is_an_error()
    {
        _data.Write("registry/expert.yaml", "experts: []\n");

        var error = SingleError();

        Assert.StartsWith("unknown file 'expert.yaml' (did you mean 'experts.yaml'?)", error.Message);
    }

    [Fact]
    public void Every_error_is_reported_in_one_run()
    {
        _data.Replace("documents/doc-a/stances.yaml", "expert: bruno", "expert: nobody");
        _data.Replace("documents/doc-a/sessions.yaml", "number: 1", "number: x");
        _data.Replace("registry/experts.yaml", "country: Chile", "contry: Chile");

        var result = Load();

        Assert.Equal(3, result.Errors.Count());
    }
}
