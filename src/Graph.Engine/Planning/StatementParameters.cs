namespace Graph.Engine.Planning;

/// <summary>
/// The parameters one statement reads, each with a fixed number given in the order the planner met them. An execution
/// looks each name up once, before it starts (which also finds a missing one), and keeps the values by number
/// (<see cref="Runtime.QueryContext.BindParameters"/>): an expression <c>$name</c> then reads an array element instead
/// of hashing its name again for every evaluation.
/// </summary>
internal sealed class StatementParameters
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private string[]? _frozen;

    /// <summary>The number of <paramref name="name"/>, given now if the statement did not read it before (planning only).</summary>
    public int NumberOf(string name)
    {
        if (_frozen is not null) throw new InvalidOperationException("The statement's parameters are fixed once it is planned.");
        if (_numbers.TryGetValue(name, out var number)) return number;
        _numbers.Add(name, _names.Count);
        // A caller's map nearly always keys its parameters with string literals, which the runtime interns: the name as
        // that same instance lets the execution's lookup in the map compare references instead of characters.
        _names.Add(string.IsInterned(name) ?? name);
        return _names.Count - 1;
    }

    /// <summary>The names by number, fixed from the first read on (the planner reads it when it hands the statement out).</summary>
    public string[] Names => _frozen ??= [.. _names];

    /// <summary>The names as a set (the statement's <see cref="CompiledStatement.Parameters"/>).</summary>
    public IReadOnlySet<string> NameSet() => new HashSet<string>(Names, StringComparer.Ordinal);
}
