using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A counted chain's key numbers: identical values share one, equivalent ones (1 and 1.0) do not, and the interner
/// says when it may hold such a pair (the chain then merges its groups at the end; otherwise it skips that hashing).
/// </summary>
public class KeyInternerTests
{
    [Fact]
    public void Strings_integers_and_booleans_hold_no_equivalent_values()
    {
        var interner = New();
        Assert.Equal(interner.Intern("a"), interner.Intern(new string('a', 1)));
        Assert.NotEqual(interner.Intern(1L), interner.Intern("1"));
        interner.Intern(true);
        interner.Intern(null);
        Assert.False(interner.MayHoldEquivalents);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData("list")]
    public void A_float_or_a_list_may_equal_another_value(object value)
    {
        var interner = New();
        interner.Intern(1L);
        var other = value is "list" ? new List<object?> { 1L } : value;
        Assert.NotEqual(interner.Intern(1L), interner.Intern(other));
        Assert.True(interner.MayHoldEquivalents);
    }

    [Fact]
    public void A_returned_interner_comes_back_empty()
    {
        var account = new MemoryTracker(null).Open("test keys");
        var interner = KeyInterner.Rent(account);
        Assert.Equal(0, interner.Intern("a"));
        Assert.Equal(1, interner.Intern(1.0));
        Assert.True(interner.MayHoldEquivalents);
        interner.Return();
        // the thread's kept interner (or a new one): numbering from 0 again, no equivalents
        var again = KeyInterner.Rent(account);
        Assert.False(again.MayHoldEquivalents);
        Assert.Equal(0, again.Intern("b"));
        Assert.Equal("b", again.Value(0));
        Assert.Equal(1, again.Intern("a"));
        again.Return();
    }

    [Fact]
    public void Each_distinct_string_is_numbered_once_and_counted_against_the_statement_once()
    {
        var tracker = new MemoryTracker(null);
        var interner = KeyInterner.Rent(tracker.Open("test keys"));
        var ids = new[] { "e1", "e2", "e1", new string('e', 1) + "2", "E1" }.Select(interner.Intern).ToArray();
        Assert.Equal([0, 1, 0, 1, 2], ids);
        var afterStrings = tracker.Used;
        Assert.True(afterStrings > 0);
        interner.Intern("e1");
        Assert.Equal(afterStrings, tracker.Used);
        // a list holding a string, and the string itself, are different values
        Assert.Equal(3, interner.Intern(new List<object?> { "e1" }));
        Assert.True(tracker.Used > afterStrings);
        Assert.Equal("e2", interner.Value(1));
        interner.Return();
    }

    [Fact]
    public void A_string_is_counted_as_the_account_keeps_it_a_long_one_once_for_two_interners()
    {
        var tracker = new MemoryTracker(null);
        var account = tracker.Open("test keys");
        var interner = KeyInterner.Rent(account);
        var shortId = new string('s', 127);
        interner.Intern(shortId);
        Assert.Equal(ValueSize.String(127) + ValueSize.DictionaryEntry, tracker.Used);
        var before = tracker.Used;
        var longId = new string('l', 128);
        interner.Intern(longId);
        var other = KeyInterner.Rent(account);
        other.Intern(longId);
        // the long string's characters once (and the account's entry for it), a dictionary entry in each interner
        Assert.Equal(ValueSize.String(128) + ValueSize.SetEntry + 2 * ValueSize.DictionaryEntry, tracker.Used - before);
        other.Return();
        interner.Return();
    }

    private static KeyInterner New() => KeyInterner.Rent(new MemoryTracker(null).Open("test keys"));
}
