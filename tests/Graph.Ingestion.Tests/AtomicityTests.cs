using Graph.Engine;

namespace Graph.Ingestion.Tests;

public sealed class AtomicityTests : IDisposable
{
    private readonly TestCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    private sealed class InjectedFault(int batch) : Exception($"injected fault after batch {batch}");

    private static IngestionOptions FailAfter(int batch) => new()
    {
        BatchSize = 1,
        AfterBatch = n => n == batch ? throw new InjectedFault(n) : Task.CompletedTask,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)] // the last batch of this reload: the derived network and the commit are all that is left
    public async Task A_failure_in_the_middle_of_a_reload_leaves_the_store_exactly_as_before(int failingBatch)
    {
        await using var driver = EmbeddedDriver.InMemory();
        var loader = new GraphLoader(driver);
        await loader.LoadAsync(_corpus.Directory);
        var before = await StoreSnapshot.TakeAsync(driver);
        // An edit that touches nodes, owned relationships, stances and the derived network.
        _corpus.Replace("registry/experts.yaml", "name: Carla Gómez", "name: Carla G.");
        _corpus.Replace("documents/doc-a/stances.yaml", "claim: claim-x\n    stance: criticizes", "claim: claim-x\n    stance: endorses");
        _corpus.Replace("registry/experts.yaml", "      - institution: un\n", "      - institution: uchile\n");

        var dryRun = await loader.LoadAsync(_corpus.Directory, new IngestionOptions { BatchSize = 1, DryRun = true });
        Assert.Equal(0, dryRun.Batches); // a dry run writes no batch; the real reload below writes 6 of one row each

        var error = await Assert.ThrowsAsync<IngestionException>(() => loader.LoadAsync(_corpus.Directory, FailAfter(failingBatch)));

        Assert.Contains($"injected fault after batch {failingBatch}", error.Message);
        Assert.Contains("rolled back, the store is unchanged", error.Message);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(driver));

        // The store still works and the same load succeeds without the fault.
        Assert.True((await loader.LoadAsync(_corpus.Directory)).HasChanges);
        Assert.NotEqual(before, await StoreSnapshot.TakeAsync(driver));
    }

    [Fact]
    public async Task A_failing_first_load_leaves_an_empty_store()
    {
        await using var driver = EmbeddedDriver.InMemory();

        await Assert.ThrowsAsync<IngestionException>(() => new GraphLoader(driver).LoadAsync(_corpus.Directory, FailAfter(3)));

        Assert.Equal(0L, await StoreSnapshot.ScalarAsync(driver, "MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task A_failure_on_disk_is_rolled_back_after_reopening_too()
    {
        var directory = Path.Combine(_corpus.Root, "db");
        string before;
        await using (var driver = EmbeddedDriver.Open(directory))
        {
            await new GraphLoader(driver).LoadAsync(_corpus.Directory);
            before = await StoreSnapshot.TakeAsync(driver);
            _corpus.Replace("registry/experts.yaml", "name: Carla Gómez", "name: Carla G.");
            await Assert.ThrowsAsync<IngestionException>(() => new GraphLoader(driver).LoadAsync(_corpus.Directory, FailAfter(1)));
        }
        await using var reopened = EmbeddedDriver.Open(directory);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(reopened));
    }
}
