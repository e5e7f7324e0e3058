using Graph.Engine.Driver;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The store's label bitmaps as one execution's label checks use them: asked for after a few hundred lookups reported,
/// or at the next check when the caller is about to check a long neighbour list (<see cref="SharedLabelBits.AskAtNextCheck"/>).
/// </summary>
public class SharedLabelBitsAskTests
{
    [Fact]
    public async Task The_bitmaps_are_asked_for_at_the_next_check_when_many_checks_are_expected()
    {
        await using var driver = await Engine.NewWith("UNWIND range(0, 99) AS i CREATE (:E {n: i}), (:F {n: i})");
        using var tx = driver.Store.BeginTransaction(write: false);
        var ctx = new QueryContext(tx, driver.Store.Tokens, ParameterValues.None, new EngineOptions(), CancellationToken.None, null);
        var e = new LabelToken("E");
        // the store builds the bitmap once enough lookups were reported to it
        var label = e.Id(driver.Store.Tokens);
        Assert.NotNull(tx.LabelMembers(label, 1_000_000));

        var kept = new SharedLabelBits([e]);
        Assert.True(kept.TryCheck(0, ctx, out _)); // a bitmap the store keeps answers at once (see the test below)

        var asked = new SharedLabelBits([e]);
        asked.AskAtNextCheck();
        var labelled = 0;
        for (var node = 0L; node < 200; node++)
        {
            Assert.True(asked.TryCheck(node, ctx, out var has));
            Assert.Equal(tx.NodeLabels(node).Contains(label), has);
            if (has) labelled++;
        }
        Assert.Equal(100, labelled);
    }

    [Fact]
    public async Task Bitmaps_the_store_keeps_answer_from_the_first_check_and_only_when_every_label_has_one()
    {
        await using var driver = await Engine.NewWith("UNWIND range(0, 99) AS i CREATE (:E {n: i}), (:F:E {n: i})");
        using var tx = driver.Store.BeginTransaction(write: false);
        var ctx = new QueryContext(tx, driver.Store.Tokens, ParameterValues.None, new EngineOptions(), CancellationToken.None, null);
        LabelToken e = new("E"), f = new("F");
        var eId = e.Id(driver.Store.Tokens);

        // no bitmap kept yet: a few checks are left to lookups, and the store's lock is not taken for them
        Assert.False(new SharedLabelBits([e]).TryCheck(0, ctx, out _));
        Assert.NotNull(tx.LabelMembers(eId, 1_000_000));

        var onlyE = new SharedLabelBits([e]);
        for (var node = 0L; node < 200; node++)
        {
            Assert.True(onlyE.TryCheck(node, ctx, out var has));
            Assert.True(has); // every node has E
        }
        // F has no bitmap: both labels are left to lookups, for this execution's first few checks
        Assert.False(new SharedLabelBits([e, f]).TryCheck(1, ctx, out _));
        Assert.False(new SharedLabelBits([f]).TryCheck(1, ctx, out _));

        // a transaction that wrote gets no bitmap (its own changes are in none)
        using var writer = driver.Store.BeginTransaction(write: true);
        writer.CreateNode([eId], []);
        var writing = new QueryContext(writer, driver.Store.Tokens, ParameterValues.None, new EngineOptions(), CancellationToken.None, null);
        Assert.False(new SharedLabelBits([e]).TryCheck(0, writing, out _));
        writer.Rollback();
    }

    [Fact]
    public async Task An_ask_the_store_cannot_answer_leaves_the_checks_to_lookups()
    {
        await using var driver = await Engine.NewWith("UNWIND range(0, 99) AS i CREATE (:E {n: i})");
        using var tx = driver.Store.BeginTransaction(write: false);
        var ctx = new QueryContext(tx, driver.Store.Tokens, ParameterValues.None, new EngineOptions(), CancellationToken.None, null);
        var bits = new SharedLabelBits([new LabelToken("E")]);
        bits.AskAtNextCheck();
        // no bitmap yet (too few lookups reported to the store): the caller looks the nodes up
        Assert.False(bits.TryCheck(0, ctx, out _));
        Assert.False(bits.TryCheck(1, ctx, out _));
    }
}
