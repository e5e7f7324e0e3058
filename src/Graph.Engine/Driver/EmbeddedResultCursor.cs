using System.Diagnostics;
using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Errors;
using Graph.Engine.Execution;
using Graph.Engine.Planning;
using Graph.Engine.Runtime;
using Graph.Storage;

namespace Graph.Engine.Driver;

/// <summary>
/// Runs a compiled statement as its records are fetched: the operators are pulled one row at a time, so a
/// result is never held whole unless the caller asks for it (<see cref="BufferRemaining"/>, or RunAsync).
/// </summary>
internal sealed class EmbeddedResultCursor : IResultCursor
{
    // Not readonly: a session runs its next RunAsync statement with the cursor of its last finished one (Restart).
    private CompiledStatement _statement;
    private QueryContext _ctx;
    private ICursorOwner _owner;
    private long _started;
    private IEnumerator<object?[]> _rows;
    // Set when the root projection's columns are evaluated here, each straight into its record: _rows are then the
    // projection's source rows (the projection copies no row into a buffer of its own first).
    private Evaluator[]? _columns;
    private Queue<Record>? _buffered;
    private Record? _current;
    // The summary once the statement completed; null for one that only read and has no plan to describe, whose
    // summary is made when asked for (Summary) from the statement and _availableAfter.
    private ResultSummary? _summary;
    private TimeSpan _availableAfter;
    private GraphException? _failure;
    private bool _running = true;
    // Bytes of the records kept while a whole result is collected (RunAsync, a buffer), reserved one by one, released together.
    private long _keptBytes;
    // The statement's parameter values by number, bound to the context (kept for the next statement of a reused cursor).
    private object?[] _parameterValues = [];

    /// <summary>
    /// Starts <paramref name="statement"/> inside <paramref name="tx"/>. Every failure, a missing parameter included,
    /// goes through the owner (which undoes the statement) and is thrown as a <see cref="GraphException"/>.
    /// </summary>
    /// <param name="started">When the statement started, by <see cref="Stopwatch.GetTimestamp"/> (its deadline was set from the same reading).</param>
    /// <param name="borrowParameters">The statement runs to its end within the caller's call (see <see cref="ParameterValues.Convert"/>).</param>
    public EmbeddedResultCursor(CompiledStatement statement, StorageTransaction tx, TokenRegistry tokens,
        IReadOnlyDictionary<string, object?>? parameters, EngineOptions options, ICursorOwner owner, CancellationToken cancellation, Deadline? deadline,
        SessionConfig session, long started, bool borrowParameters)
    {
        _statement = statement;
        _owner = owner;
        _started = started;
        _rows = NoRows;
        _ctx = null!;
        Open(tx, tokens, parameters, options, cancellation, deadline, session, borrowParameters);
    }

    private static readonly IEnumerator<object?[]> NoRows = Enumerable.Empty<object?[]>().GetEnumerator();

    /// <summary>
    /// Starts <paramref name="statement"/> with this cursor and its context, as the constructor does with new ones. Only
    /// for a cursor nobody else can reach: one that ran a RunAsync statement to its end (it is closed, and RunAsync hands
    /// out the records and summary, never the cursor) and was <see cref="Release"/>d since. Not for PROFILE, whose
    /// context reads through a profiling transaction (and whose profile is handed out).
    /// </summary>
    internal void Restart(CompiledStatement statement, StorageTransaction tx, TokenRegistry tokens,
        IReadOnlyDictionary<string, object?>? parameters, EngineOptions options, ICursorOwner owner, CancellationToken cancellation, Deadline? deadline,
        SessionConfig session, long started, bool borrowParameters)
    {
        if (_running || statement.Mode == ExecutionMode.Profile)
            throw new InvalidOperationException("Only a finished cursor restarts, and not for PROFILE.");
        if (!ReferenceEquals(_statement, statement)) _statement = statement; // a repeated statement: no write barrier
        _owner = owner;
        _started = started;
        _rows = NoRows;
        _running = true;
        Open(tx, tokens, parameters, options, cancellation, deadline, session, borrowParameters);
    }

    /// <summary>Drops everything the finished statement referenced (a kept cursor holds no transaction, parameters, rows or records).</summary>
    internal void Release()
    {
        if (_running) throw new InvalidOperationException("A running cursor is not released.");
        _rows = NoRows;
        _columns = null;
        _buffered = null;
        _current = null;
        _summary = null;
        _failure = null;
        _keptBytes = 0;
        _owner = null!;
        Array.Clear(_parameterValues); // the caller's values are not kept
        if (_argumentRow is { } argument) Array.Clear(argument); // nor the last statement's entities
        _ctx?.Release();
    }

    /// <summary>Whether this cursor's context can be reused (it was made for a statement not run under PROFILE).</summary>
    internal bool CanRestart => !_running && _ctx is { Profile: null };

    private void Open(StorageTransaction tx, TokenRegistry tokens, IReadOnlyDictionary<string, object?>? parameters, EngineOptions options,
        CancellationToken cancellation, Deadline? deadline, SessionConfig session, bool borrowParameters)
    {
        var statement = _statement;
        try
        {
            var names = statement.ParameterNames;
            if (_parameterValues.Length != names.Length) _parameterValues = names.Length == 0 ? [] : new object?[names.Length];
            // EXPLAIN runs nothing, so it needs no parameter values (as in Neo4j)
            var values = ParameterValues.Resolve(parameters, borrowParameters, names, _parameterValues, requireAll: statement.Mode != ExecutionMode.Explain);
            var profile = statement.Mode == ExecutionMode.Profile ? new ExecutionProfile(statement.Root.Descendants()) : null;
            var readOnly = !statement.IsWrite && !statement.IsSchema;
            if (_ctx is { } reused)
                reused.Restart(tx, tokens, values, options, cancellation, deadline, session.User, session.Database ?? EngineInfo.DefaultDatabase, readOnly);
            else
                _ctx = new QueryContext(profile is null ? tx : new ProfilingTransaction(tx, profile), tokens, values, options, cancellation, deadline)
                {
                    User = session.User,
                    Database = session.Database ?? EngineInfo.DefaultDatabase,
                    Profile = profile,
                    ReadOnly = readOnly,
                };
            _ctx.BindParameters(statement.ParameterTable, _parameterValues);
            _ctx.CheckNow(_started);
            // every row becomes a record before the next is asked for, its values converted into the record's: the
            // operators may overwrite one row buffer, and move their node and relationship values from row to row
            if (statement.Mode == ExecutionMode.Normal && statement.RootColumnEvaluators is { } columns)
            {
                // (under PROFILE the projection runs as an operator, to be counted as one)
                _columns = columns;
                _rows = statement.RootArgumentSeek is { } seek
                    ? (_seekRows ??= new IndexSeekRows()).Start(seek, _ctx, ArgumentRow(statement.SlotCount))
                    // a projection writing its records itself: RunAsync runs the writer, and only others pull the rows
                    : RecordWriter is not null
                        ? (_deferredRows ??= new DeferredSourceRows()).Start((ProjectOp)statement.Root, _ctx, ArgumentRow(statement.SlotCount))
                        : ((ProjectOp)statement.Root).SourceRowsTransient(_ctx, ArgumentRow(statement.SlotCount), reuseValues: true).GetEnumerator();
            }
            else if (statement.Mode != ExecutionMode.Explain)
                _rows = statement.Root.ExecuteTransient(_ctx, ArgumentRow(statement.SlotCount), reuseValues: true).GetEnumerator();
        }
        catch (Exception e)
        {
            if (_ctx is null) _ctx = new QueryContext(tx, tokens, ParameterValues.None, options, cancellation, deadline);
            else if (!ReferenceEquals(_ctx.Tx, tx)) _ctx.Restart(tx, tokens, ParameterValues.None, options, cancellation, deadline, null, EngineInfo.DefaultDatabase, true);
            throw Fail(e);
        }
    }

    // The rows of a point lookup's seek, or of a record writer's seeks, kept for the statement a restarted cursor runs
    // next (see IndexSeekRows).
    private IndexSeekRows? _seekRows;

    // The source rows of a projection that writes its records, made only if pulled; kept as _seekRows.
    private DeferredSourceRows? _deferredRows;

    // Where a record writer's records go, kept as _seekRows.
    private KeptRecordTarget? _keptTarget;

    // The empty row the plan starts from, kept for the statement a restarted cursor runs next (cleared by Release; never
    // shared: only this cursor's finished statement used it, and no record holds a row).
    private object?[]? _argumentRow;

    private object?[] ArgumentRow(int slots)
    {
        if (_argumentRow is { } kept && kept.Length == slots) return kept; // cleared by Release
        return _argumentRow = new object?[slots];
    }

    public IReadOnlyList<string> Keys => _statement.Columns;

    /// <summary>The plan this cursor runs (shared with other executions) and what this execution did under PROFILE.</summary>
    internal CompiledStatement Statement => _statement;

    internal Execution.ExecutionProfile? Profile => _ctx.Profile;

    /// <summary>Who the statement answers to (commits, rolls back, is told when the cursor closes).</summary>
    internal ICursorOwner Owner => _owner;

    /// <summary>A record object and its place in a buffer.</summary>
    private const long RecordBytes = 48;

    public Record Current => _current ?? throw new InvalidOperationException("Call FetchAsync first: the cursor is before its first record.");

    /// <summary>True once the statement has ended (completed or failed); records may still be buffered.</summary>
    internal bool IsRunning => _running;

    public ValueTask<bool> FetchAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_buffered is not null)
        {
            if (_buffered.TryDequeue(out var record)) { _current = record; return ValueTask.FromResult(true); }
            if (_failure is not null) throw _failure;
            return ValueTask.FromResult(false);
        }
        if (_failure is not null) throw _failure;
        if (!_running) return ValueTask.FromResult(false);
        var next = Advance();
        if (next is null) return ValueTask.FromResult(false);
        _current = next;
        return ValueTask.FromResult(true);
    }

    public Task<ResultSummary> ConsumeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _buffered?.Clear();
        if (_running)
        {
            try
            {
                while (_rows.MoveNext())
                {
                    _ctx.Tick();
                    if (_columns is not null) EvaluateColumns(_rows.Current);
                }
            }
            catch (Exception e)
            {
                throw Fail(e);
            }
            Complete();
        }
        if (_failure is not null) throw _failure;
        return Task.FromResult(Summary());
    }

    /// <summary>Runs the statement to its end and keeps the remaining records (another statement is about to use the transaction).</summary>
    internal void BufferRemaining()
    {
        if (!_running) return;
        var queue = new Queue<Record>();
        try
        {
            while (Advance("the records kept for a result read after the next statement started") is { } record) queue.Enqueue(record);
        }
        catch (GraphException)
        {
            // Kept in _failure: whoever reads this cursor meets it after the records produced before it.
        }
        finally
        {
            ReleaseKept();
        }
        _buffered = queue;
    }

    /// <summary>Every record and the summary (RunAsync), collected in <paramref name="buffer"/> (cleared before it returns).</summary>
    internal QueryResult ToResult(ResultRecordBuffer buffer)
    {
        IReadOnlyList<Record> records;
        // RunAsync returns every record at once: they are all held, so they count against the memory limit
        try
        {
            if (_buffered is not null)
            {
                var kept = new List<Record>();
                while (Advance(RunAsyncKeeps) is { } record) kept.Add(record);
                records = kept.ToArray();
            }
            else
            {
                buffer.Start(Keys);
                try
                {
                    if (_columns is not null && RecordWriter is { } writer) CollectWritten(buffer, writer);
                    else if (_columns is not null) CollectEvaluated(buffer);
                    else CollectRows(buffer);
                    records = buffer.Finish(); // leaves the buffer empty
                }
                catch
                {
                    buffer.Clear(); // no value of a failed statement stays reachable from the session
                    throw;
                }
            }
        }
        finally
        {
            ReleaseKept();
        }
        if (_failure is not null) throw _failure;
        // a read's summary is made when the caller asks for it (most callers of RunAsync read only the records)
        return _summary is { } summary ? new QueryResult(Keys, records, summary)
            : new QueryResult(Keys, records, _statement.Query, _statement.QueryType, _availableAfter);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_running) return;
        if (_statement.IsWrite || _statement.IsSchema)
        {
            // As in Neo4j, a write is not abandoned half way: it runs to its end (and an auto-commit one commits).
            await ConsumeAsync().ConfigureAwait(false);
            return;
        }
        _running = false;
        _rows.Dispose();
        _owner.OnClosed(this);
    }

    /// <summary>Stops without running the statement further (its transaction is being rolled back).</summary>
    internal void Abandon()
    {
        if (!_running) return;
        _running = false;
        _rows.Dispose();
        _owner.OnClosed(this);
    }

    /// <summary>
    /// The next record, or null at the end (then the statement is complete). Throws the statement's failure. The copy of
    /// the row made for the record is counted while it is made, and afterwards only when it is kept (for
    /// <paramref name="keptFor"/>, until <see cref="ReleaseKept"/>).
    /// </summary>
    private Record? Advance(string? keptFor = null)
    {
        if (!_running) return _failure is not null ? throw _failure : null;
        var slots = _statement.ColumnSlots;
        try
        {
            while (_rows.MoveNext())
            {
                _ctx.Tick();
                if (slots.Length == 0) continue;
                var row = _rows.Current;
                var evaluated = _ctx.Memory.Values;
                var cells = new object?[slots.Length];
                if (_columns is { } columns)
                {
                    _ctx.Tick(); // the projection's own row
                    // all evaluated before any is converted, as the projection does before it writes its row; what the
                    // values took is held while they are converted (as the projection holds its row's), not kept after
                    for (var i = 0; i < cells.Length; i++) cells[i] = columns[i](row, _ctx);
                }
                var mark = _ctx.Memory.Values;
                if (_columns is not null)
                    for (var i = 0; i < cells.Length; i++) cells[i] = _ctx.ToClient(cells[i]);
                else
                    for (var i = 0; i < slots.Length; i++) cells[i] = _ctx.ToClient(row[slots[i]]);
                var bytes = _ctx.Memory.Values - mark + RecordBytes + ValueSize.Array(slots.Length);
                _ctx.Memory.ReleaseValuesTo(mark);
                if (keptFor is not null)
                {
                    _keptBytes += bytes;
                    // while the row's evaluated values are still held, as a projection holds them until its next row
                    _ctx.Memory.Reserve(bytes, keptFor);
                }
                _ctx.Memory.ReleaseValuesTo(evaluated);
                return new Record(_statement.Columns, cells);
            }
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        Complete();
        return null;
    }

    private const string RunAsyncKeeps = "the records RunAsync returns (stream with StreamAsync to hold one at a time)";

    /// <summary>
    /// <see cref="Advance"/>'s work for every remaining row at once, when the cursor evaluates the root projection's
    /// columns (RunAsync keeping every record): the same ticks, values and memory held and kept per record, in one loop
    /// instead of one call per record, each value evaluated straight into the cells <paramref name="buffer"/> hands out.
    /// A column value that is a string, number, boolean or null is the client's value as it is (no conversion call).
    /// </summary>
    private void CollectEvaluated(ResultRecordBuffer buffer)
    {
        if (!_running)
        {
            if (_failure is not null) throw _failure;
            return;
        }
        var ctx = _ctx;
        var columns = _columns!;
        var rows = _rows;
        // what a record takes besides the values converted for it (the same for every record)
        var recordBytes = RecordBytes + ValueSize.Array(columns.Length);
        try
        {
            while (rows.MoveNext())
            {
                ctx.Tick();
                var row = rows.Current;
                var memory = ctx.Memory;
                var evaluated = memory.Values;
                var cells = buffer.Next();
                ctx.Tick(); // the projection's own row
                for (var i = 0; i < columns.Length; i++) cells[i] = columns[i](row, ctx);
                var mark = memory.Values;
                for (var i = 0; i < cells.Length; i++)
                    if (cells[i] is not (null or string or long or double or bool)) cells[i] = ctx.ToClient(cells[i]);
                var bytes = memory.Values - mark + recordBytes;
                memory.ReleaseValuesTo(mark);
                _keptBytes += bytes;
                memory.Reserve(bytes, RunAsyncKeeps);
                memory.ReleaseValuesTo(evaluated);
                buffer.Add();
            }
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        Complete();
    }

    /// <summary>The root projection's own writer of its records, when it has one and the statement reads only (see <see cref="IRecordWriter"/>).</summary>
    private IRecordWriter? RecordWriter => !_statement.IsWrite && _statement.Root is ProjectOp { RecordWriter: { } writer } ? writer : null;

    /// <summary>
    /// The records of a root projection that writes them itself (RunAsync keeping every record): the statement run from
    /// its start row straight into <paramref name="buffer"/>, each record counted as <see cref="CollectEvaluated"/>
    /// counts it; the rows <see cref="Open"/> prepared (deferred) are never made.
    /// </summary>
    private void CollectWritten(ResultRecordBuffer buffer, IRecordWriter writer)
    {
        if (!_running)
        {
            if (_failure is not null) throw _failure;
            return;
        }
        var target = (_keptTarget ??= new KeptRecordTarget()).Start(buffer, _ctx.Memory, RecordBytes + ValueSize.Array(_columns!.Length), RunAsyncKeeps);
        try
        {
            _rows.Dispose();
            _rows = NoRows;
            // seeks over the argument row as the writer's source: their nodes found into the lists this cursor keeps
            // (disposed by the writer, and as _rows when the statement ends)
            IEnumerator<object?[]>? seekRows = null;
            if (writer.ArgumentSeeks is { } seeks && _ctx.Profile is null)
                _rows = seekRows = (_seekRows ??= new IndexSeekRows()).Start(seeks.First, _ctx, _argumentRow!, seeks.Second);
            writer.Write(_ctx, _argumentRow!, target, seekRows);
        }
        catch (Exception e)
        {
            _keptBytes += target.Kept;
            throw Fail(e);
        }
        _keptBytes += target.Kept;
        Complete();
    }

    /// <summary>
    /// <see cref="Advance"/>'s work for every remaining row at once, when the rows hold the columns' values (RunAsync
    /// keeping every record): each value converted straight into the cells <paramref name="buffer"/> hands out.
    /// </summary>
    private void CollectRows(ResultRecordBuffer buffer)
    {
        if (!_running)
        {
            if (_failure is not null) throw _failure;
            return;
        }
        var ctx = _ctx;
        var slots = _statement.ColumnSlots;
        var rows = _rows;
        var recordBytes = RecordBytes + ValueSize.Array(slots.Length);
        try
        {
            while (rows.MoveNext())
            {
                ctx.Tick();
                if (slots.Length == 0) continue;
                var row = rows.Current;
                var memory = ctx.Memory;
                var mark = memory.Values;
                var cells = buffer.Next();
                for (var i = 0; i < slots.Length; i++)
                {
                    var value = row[slots[i]];
                    cells[i] = value is null or string or long or double or bool ? value : ctx.ToClient(value);
                }
                var bytes = memory.Values - mark + recordBytes;
                memory.ReleaseValuesTo(mark);
                _keptBytes += bytes;
                memory.Reserve(bytes, RunAsyncKeeps);
                buffer.Add();
            }
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        Complete();
    }

    /// <summary>The root projection's columns for a row nobody fetches (ConsumeAsync): evaluated for their errors, then dropped.</summary>
    private void EvaluateColumns(object?[] row)
    {
        var mark = _ctx.Memory.Values;
        _ctx.Tick();
        foreach (var column in _columns!) column(row, _ctx);
        _ctx.Memory.ReleaseValuesTo(mark);
    }

    /// <summary>Gives back what the kept records took (the caller holds them from now on, outside the statement).</summary>
    private void ReleaseKept()
    {
        _ctx.Memory.Release(_keptBytes);
        _keptBytes = 0;
    }

    private void Complete()
    {
        _running = false;
        _rows.Dispose();
        // read outside the try: the JIT calls the clock directly there, through a marshalling stub inside it
        var availableAfter = Stopwatch.GetElapsedTime(_started);
        try
        {
            var counters = _ctx.ChangeCounters();
            var plan = _statement.Mode == ExecutionMode.Normal ? null : PlanDescriber.Describe(_statement, _ctx.Profile);
            var bookmark = _owner.OnCompleted(_statement);
            _availableAfter = availableAfter;
            _summary = ReferenceEquals(counters, Counters.None) && plan is null && bookmark is null ? null : new ResultSummary
            {
                Query = _statement.Query,
                Counters = counters,
                QueryType = _statement.QueryType,
                ResultAvailableAfter = availableAfter,
                Plan = plan,
                Bookmark = bookmark,
            };
        }
        catch (Exception e)
        {
            _running = true; // let Fail undo and close
            throw Fail(e);
        }
        _owner.OnClosed(this);
    }

    /// <summary>The completed statement's summary (made now for one that only read: see <see cref="Complete"/>).</summary>
    private ResultSummary Summary() => _summary ??= new ResultSummary
    {
        Query = _statement.Query,
        QueryType = _statement.QueryType,
        ResultAvailableAfter = _availableAfter,
    };

    private GraphException Fail(Exception e)
    {
        _running = false;
        _failure = EngineErrors.ToGraphException(e);
        try
        {
            _rows.Dispose();
            _owner.OnFailed(e);
        }
        catch (Exception inner)
        {
            _failure = EngineErrors.ToGraphException(new AggregateException(e, inner));
        }
        finally
        {
            _owner.OnClosed(this);
        }
        return _failure;
    }
}
