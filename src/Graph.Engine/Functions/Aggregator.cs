using Graph.Engine.Runtime;

namespace Graph.Engine.Functions;

/// <summary>The state of one aggregate function for one group.</summary>
internal abstract class Aggregator
{
    /// <summary>Where an aggregate that keeps values (collect, DISTINCT, percentiles) reserves their memory; null when not tracked.</summary>
    protected MemoryAccount? Account { get; private set; }

    /// <summary>Reserves this aggregator's growth in <paramref name="account"/> (the statement's memory limit).</summary>
    public virtual void Attach(MemoryAccount account) => Account = account;

    /// <summary>Adds a row's argument value (the first argument; extra arguments come through <see cref="AddExtra"/>).</summary>
    public abstract void Add(object? value);

    public virtual void AddExtra(object?[] args) { }

    /// <summary>Adds <paramref name="times"/> rows with the same value (a counted hop): counts override this to add at once.</summary>
    public virtual void AddRepeated(object? value, long times)
    {
        for (var n = 0L; n < times; n++) Add(value);
    }

    public abstract object? Result();
}
