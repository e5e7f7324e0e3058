using System.Runtime.CompilerServices;
using Graph.Bench;

namespace Graph.Bench.Tests;

/// <summary>The runtime work between two readings names the methods compiled in between (the report's list for a warm run).</summary>
public sealed class CompiledMethodNamesTests
{
    [Fact]
    public async Task A_method_compiled_between_two_readings_is_named_with_its_tier()
    {
        var listener = TieringActivity.Shared;
        // The event session starts asynchronously: compile other new methods (a fresh dynamic method each time) until the
        // listener has heard one.
        var enabling = System.Diagnostics.Stopwatch.StartNew();
        var heard = listener.CompiledSeen;
        for (var i = 0; listener.CompiledSeen == heard && enabling.ElapsedMilliseconds < 10_000; i++)
        {
            Assert.Equal(i, Primer.Compile(i)());
            await Task.Delay(20);
        }
        Assert.True(listener.CompiledSeen > heard, "the listener heard no compiled method");
        await Task.Delay(200);

        var before = RuntimeWork.Now();
        Assert.Equal(42, FirstCalledHere.Answer());
        var after = RuntimeWork.Now();
        var work = (after - before).NamingCompilations(before, after, maxWaitMs: 10_000);

        Assert.True(work.CompiledMethods >= 1);
        Assert.NotNull(work.Compiled);
        var named = Assert.Single(work.Compiled!, m => m.Name.Contains(nameof(FirstCalledHere.Answer)));
        Assert.Contains(nameof(FirstCalledHere), named.Name);
        Assert.NotEqual("unknown", named.Tier);
        Assert.True(named.CodeBytes > 0);
    }

    [Fact]
    public void Readings_without_a_listener_name_nothing()
    {
        var before = new RuntimeWork { CompiledMethods = 1 };
        var after = new RuntimeWork { CompiledMethods = 3 };
        Assert.Null((after - before).NamingCompilations(before, after).Compiled);
    }

    [Theory]
    [InlineData(0L, "unknown")]
    [InlineData(3L << 7, "tier0")]
    [InlineData((4L << 7) | 0x8, "tier1")]
    [InlineData(5L << 7, "tier1-OSR")]
    [InlineData(7L << 7, "tier1-instrumented")]
    public void The_tier_is_read_from_the_method_flags(long flags, string tier) => Assert.Equal(tier, CompiledMethod.TierOf(flags));

    private static class Primer
    {
        public static Func<int> Compile(int i) =>
            System.Linq.Expressions.Expression.Lambda<Func<int>>(System.Linq.Expressions.Expression.Constant(i)).Compile();
    }

    private static class FirstCalledHere
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Answer() => 6 * 7;
    }
}
