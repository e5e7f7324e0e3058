using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Driver;

/// <summary>
/// The root projection's source rows, made at the first <see cref="MoveNext"/>: for a projection that writes its records
/// itself (<see cref="ProjectOp.RecordWriter"/>), whose rows RunAsync never pulls (it runs the writer), while
/// StreamAsync, ConsumeAsync and a result buffered for a later statement pull them as before. Nothing of the operators
/// runs before their first row is asked for either way (their iterators start there), so the rows are the same. Kept by
/// the cursor and started again for its next statement.
/// </summary>
internal sealed class DeferredSourceRows : IEnumerator<object?[]>
{
    private ProjectOp? _projection;
    private QueryContext? _ctx;
    private object?[] _argument = [];
    private IEnumerator<object?[]>? _rows;

    /// <summary>Starts the rows of <paramref name="projection"/>'s source from <paramref name="argument"/> (made when first asked for).</summary>
    public DeferredSourceRows Start(ProjectOp projection, QueryContext ctx, object?[] argument)
    {
        // a kept object is old: a reference is stored only when it changed, so a repeated statement pays no write barrier
        if (!ReferenceEquals(_projection, projection)) _projection = projection;
        if (!ReferenceEquals(_ctx, ctx)) _ctx = ctx;
        if (!ReferenceEquals(_argument, argument)) _argument = argument;
        _rows = null;
        return this;
    }

    public object?[] Current => _rows!.Current;

    object System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        _rows ??= _projection!.SourceRowsTransient(_ctx!, _argument, reuseValues: true).GetEnumerator();
        return _rows.MoveNext();
    }

    public void Reset() => throw new NotSupportedException();

    /// <summary>Ends the statement's rows (those made are disposed; none are made after this).</summary>
    public void Dispose()
    {
        var rows = _rows;
        _rows = EmptyRows;
        rows?.Dispose();
    }

    private static readonly IEnumerator<object?[]> EmptyRows = Enumerable.Empty<object?[]>().GetEnumerator();
}
