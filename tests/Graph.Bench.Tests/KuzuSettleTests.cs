using Graph.Bench;

namespace Graph.Bench.Tests;

public sealed class KuzuSettleTests
{
    [Fact]
    public void The_machine_settles_as_long_as_Kuzu_ran_at_most_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), KuzuSide.SettleAfter(TimeSpan.FromSeconds(3)));
        Assert.Equal(KuzuSide.MaxSettle, KuzuSide.SettleAfter(TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(60), KuzuSide.MaxSettle);
    }
}
