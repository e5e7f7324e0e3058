using Graph.Engine;

namespace Graph.Ingestion.Tests;

public sealed class LoaderTests : IAsyncLifetime, IDisposable
{
    private readonly TestCorpus _corpus = new();
    private readonly EmbeddedDriver _driver = EmbeddedDriver.InMemory();
    private GraphLoader _loader = null!;

    public Task InitializeAsync()
    {
        _loader = new GraphLoader(_driver);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _driver.DisposeAsync();
    public void Dispose() => _corpus.Dispose();

    [Fact]
    public async Task First_load_creates_every_entity_relationship_and_stance()
    {
        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Equal(4, report.Nodes["Expert"].Created);
        Assert.Equal(3, report.Nodes["Claim"].Created);
        Assert.Equal(new Dictionary<string, long>
        {
            ["Source"] = 1, ["Paradigm"] = 2, ["Institution"] = 3, ["Expert"] = 4, ["Session"] = 1, ["Claim"] = 3,
        }, report.NodeCounts.OrderBy(p => p.Key).ToDictionary());
        Assert.Equal(4, report.RelationshipCounts["ENDORSES"]);
        Assert.Equal(4, report.RelationshipCounts["CRITICIZES"]);
        Assert.Equal(4, report.RelationshipCounts["AFFILIATED_WITH"]);
        Assert.Equal(1, report.RelationshipCounts["PART_OF"]);
        Assert.Equal(2, report.RelationshipCounts["SPOKE_IN"]);
        Assert.Equal(1, report.RelationshipCounts["MODERATED"]);
        Assert.Equal(2, report.RelationshipCounts["ALIGNS_WITH"]);
        Assert.Equal(1, report.RelationshipCounts["SUPPORTS"]);
        Assert.Equal(1, report.RelationshipCounts["CONTRADICTS"]);
        Assert.Equal(6, report.StoreCounters.ConstraintsAdded);
    }

    [Fact]
    public async Task Stances_carry_quote_source_section_line_confidence_and_note()
    {
        await _loader.LoadAsync(_corpus.Directory);

        await using var session = _driver.AsyncSession();
        var r = (await session.RunAsync(
            "MATCH (:Expert {id: 'bruno'})-[s:CRITICIZES]->(:Claim {id: 'claim-y'}) RETURN s.quote AS quote, s.source AS source, s.section AS section, s.line AS line, s.confidence AS confidence, s.note AS note")).Single();
        Assert.Equal("Bruno doubted that borders should stay open for everyone.", r["quote"]);
        Assert.Equal("doc-a", r["source"]);
        Assert.Equal("B", r["section"]);
        Assert.Equal(7L, r["line"]);
        Assert.Equal(0.7, r["confidence"]);
        Assert.Equal("doubting is a mild criticism", r["note"]);

        // A quote spanning a line break, with typographic dashes and quotes in the source, is found on its first line.
        Assert.Equal(2L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (:Expert {id: 'ana'})-[s:ENDORSES]->(:Claim {id: 'claim-x'}) RETURN s.line"));
        Assert.Equal(4L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (:Expert {id: 'ana'})-[s:ENDORSES]->(:Claim {id: 'claim-y'}) RETURN s.line"));
    }

    [Fact]
    public async Task Loading_the_same_data_twice_changes_nothing()
    {
        await _loader.LoadAsync(_corpus.Directory);
        var before = await StoreSnapshot.TakeAsync(_driver);

        var second = await _loader.LoadAsync(_corpus.Directory);

        Assert.False(second.HasChanges);
        Assert.False(second.StoreCounters.ContainsUpdates, second.StoreCounters.ToString());
        Assert.Equal(0, second.StoreCounters.PropertiesSet);
        Assert.Equal(0, second.StoreCounters.ConstraintsAdded);
        Assert.All(second.Nodes.Values, c => Assert.Equal(0, c.Created + c.Updated + c.Deleted));
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_driver));
    }

    [Fact]
    public async Task An_edit_updates_exactly_what_changed()
    {
        await _loader.LoadAsync(_corpus.Directory);
        _corpus.Replace("registry/experts.yaml", "name: Carla Gómez", "name: Carla Gómez Soto");

        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.Equal(new Planning.ChangeCount(0, 1, 0, 3), report.Nodes["Expert"]);
        Assert.All(report.Nodes.Where(n => n.Key != "Expert"), n => Assert.False(n.Value.HasChanges));
        Assert.Equal(0, report.StoreCounters.NodesCreated);
        Assert.Equal("Carla Gómez Soto", await StoreSnapshot.ScalarAsync(_driver, "MATCH (e:Expert {id: 'carla'}) RETURN e.name"));

        var third = await _loader.LoadAsync(_corpus.Directory);
        Assert.False(third.StoreCounters.ContainsUpdates);
    }

    [Fact]
    public async Task A_removed_property_disappears_from_the_node()
    {
        await _loader.LoadAsync(_corpus.Directory);
        _corpus.Replace("registry/experts.yaml", "    country: Chile\n", "");

        await _loader.LoadAsync(_corpus.Directory);

        Assert.Null(await StoreSnapshot.ScalarAsync(_driver, "MATCH (e:Expert {id: 'ana'}) RETURN e.country"));
        Assert.Equal("Ana Pérez", await StoreSnapshot.ScalarAsync(_driver, "MATCH (e:Expert {id: 'ana'}) RETURN e.name"));
    }

    [Fact]
    public async Task Removed_entities_and_stances_are_removed_from_the_store()
    {
        await _loader.LoadAsync(_corpus.Directory);
        // Diego goes away with his only stance; Ana's stance on claim-z goes too.
        _corpus.Replace("registry/experts.yaml", "  - id: diego\n    name: Diego Ruiz\n    roles: [participant]\n    affiliations:\n      - institution: uchile\n", "");
        _corpus.Replace("documents/doc-a/stances.yaml", "  - expert: diego\n    claim: claim-z\n    stance: endorses\n    coder: tester\n    quote: Diego held that remittances harm the balance of payments.\n    section: C\n", "");
        _corpus.Replace("documents/doc-a/stances.yaml", "  - expert: ana\n    claim: claim-z\n    stance: criticizes\n    coder: tester\n    quote: Ana rejected the idea that remittances harm the economy.\n    section: A\n", "");

        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Equal(new Planning.ChangeCount(0, 0, 1, 3), report.Nodes["Expert"]);
        Assert.Equal(1, report.Relationships["ENDORSES"].Deleted);
        Assert.Equal(1, report.Relationships["CRITICIZES"].Deleted);
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (e:Expert {id: 'diego'}) RETURN count(e)"));
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (:Expert {id: 'ana'})-[s]->(:Claim {id: 'claim-z'}) RETURN count(s)"));
        Assert.Equal(6L, await StoreSnapshot.ScalarAsync(_driver, "MATCH ()-[s:ENDORSES|CRITICIZES]->() RETURN count(s)"));
    }

    [Fact]
    public async Task A_flipped_stance_changes_its_relationship_type()
    {
        await _loader.LoadAsync(_corpus.Directory);
        _corpus.Replace("documents/doc-a/stances.yaml", "claim: claim-x\n    stance: criticizes", "claim: claim-x\n    stance: endorses");

        var report = await _loader.LoadAsync(_corpus.Directory);

        Assert.Equal(1, report.Relationships["CRITICIZES"].Deleted);
        Assert.Equal(1, report.Relationships["ENDORSES"].Created);
        Assert.Equal("ENDORSES", await StoreSnapshot.ScalarAsync(_driver, "MATCH (:Expert {id: 'carla'})-[s]->(:Claim {id: 'claim-x'}) RETURN type(s)"));
    }

    [Fact]
    public async Task Two_documents_share_the_registry_and_a_removed_document_takes_only_its_own_stances()
    {
        await _loader.LoadAsync(_corpus.Directory);
        // A second document that adds a person to the registry and a stance on the first document's claim.
        _corpus.Write("documents/doc-b/text.txt", "Elena said that migrants contribute to development in many ways.\n");
        _corpus.Write("documents/doc-b/document.yaml", "id: doc-b\ntitle: Second\ndate: 2014-01-01\ntext: text.txt\n");
        _corpus.Write("documents/doc-b/stances.yaml",
            "stances:\n  - expert: elena\n    claim: claim-x\n    stance: endorses\n    coder: tester\n    quote: migrants contribute to development in many ways\n    section: '1'\n");
        File.AppendAllText(_corpus.PathOf("registry/experts.yaml"),
            "  - id: elena\n    name: Elena Vidal\n    roles: [author]\n    affiliations:\n      - institution: un\n");

        var both = await _loader.LoadAsync(_corpus.Directory);
        Assert.True(both.Succeeded, string.Join("\n", both.Diagnostics));
        Assert.Equal(LoadMode.Incremental, both.Mode);
        Assert.Equal(1, both.DocumentsRead);
        Assert.Equal(new Planning.ChangeCount(1, 0, 0, 4), both.Nodes["Expert"]);
        Assert.Null(await StoreSnapshot.ScalarAsync(_driver, "MATCH (e:Expert {id: 'elena'}) RETURN e.source"));
        Assert.Equal("doc-b", await StoreSnapshot.ScalarAsync(_driver, "MATCH (:Expert {id: 'elena'})-[s:ENDORSES]->() RETURN s.source"));
        // Elena now agrees with Ana and Bruno on claim-x.
        Assert.Equal(1L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (:Expert {id: 'ana'})-[r:AGREES_WITH]->(:Expert {id: 'elena'}) RETURN r.weight"));

        // Removing the second document removes its Source and stance (and the pairs they made); the registry stays.
        Directory.Delete(_corpus.PathOf("documents/doc-b"), recursive: true);
        var again = await _loader.LoadAsync(_corpus.Directory);
        Assert.Equal(LoadMode.Incremental, again.Mode);
        Assert.Equal(1, again.Relationships["ENDORSES"].Deleted);
        Assert.Equal(1L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (e:Expert {id: 'elena'}) RETURN count(e)"));
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (s:Source {id: 'doc-b'}) RETURN count(s)"));
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (:Expert {id: 'ana'})-[r:AGREES_WITH]->(:Expert {id: 'elena'}) RETURN count(r)"));
    }


    [Fact]
    public async Task Dry_run_reports_the_plan_and_writes_nothing()
    {
        var report = await _loader.LoadAsync(_corpus.Directory, new IngestionOptions { DryRun = true });

        Assert.True(report.DryRun);
        Assert.Equal(4, report.Nodes["Expert"].Created);
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(_driver, "MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task Batch_size_does_not_change_the_result()
    {
        await using var other = EmbeddedDriver.InMemory();
        await new GraphLoader(other).LoadAsync(_corpus.Directory, new IngestionOptions { BatchSize = 1 });
        var small = await _loader.LoadAsync(_corpus.Directory, new IngestionOptions { BatchSize = 1000 });

        Assert.Equal(await StoreSnapshot.TakeAsync(_driver), await StoreSnapshot.TakeAsync(other));
        Assert.True(small.Batches < 20);
    }

    [Fact]
    public async Task Load_persists_in_an_on_disk_store()
    {
        var directory = Path.Combine(_corpus.Root, "db");
        string before;
        await using (var disk = EmbeddedDriver.Open(directory))
        {
            await new GraphLoader(disk).LoadAsync(_corpus.Directory);
            before = await StoreSnapshot.TakeAsync(disk);
        }
        await using var reopened = EmbeddedDriver.Open(directory);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(reopened));
        Assert.False((await new GraphLoader(reopened).LoadAsync(_corpus.Directory)).StoreCounters.ContainsUpdates);
    }

    [Fact]
    public async Task The_discourse_network_can_be_left_out_of_a_load()
    {
        var report = await _loader.LoadAsync(_corpus.Directory, new IngestionOptions { DeriveNetwork = false });

        Assert.Equal(8, report.RelationshipCounts["ENDORSES"] + report.RelationshipCounts["CRITICIZES"]);
        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(_driver, "MATCH ()-[r:AGREES_WITH|DISAGREES_WITH]->() RETURN count(r)"));
    }
}
