namespace Graph.Engine.Planning;

/// <summary>The variables visible at a point of the query, each with its slot in the row.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, int> _vars;
    private readonly List<string> _order;

    public Scope()
    {
        _vars = new Dictionary<string, int>(StringComparer.Ordinal);
        _order = [];
    }

    private Scope(Scope other)
    {
        _vars = new Dictionary<string, int>(other._vars, StringComparer.Ordinal);
        _order = [.. other._order];
    }

    public Scope Clone() => new(this);

    public bool TryGet(string name, out int slot) => _vars.TryGetValue(name, out slot);

    public bool Contains(string name) => _vars.ContainsKey(name);

    public void Set(string name, int slot)
    {
        if (!_vars.ContainsKey(name)) _order.Add(name);
        _vars[name] = slot;
    }

    /// <summary>User-visible variables in declaration order (generated names start with a space and are hidden).</summary>
    public IEnumerable<string> Names => _order.Where(n => !n.StartsWith(' '));

    public IEnumerable<int> Slots => _vars.Values;
}
