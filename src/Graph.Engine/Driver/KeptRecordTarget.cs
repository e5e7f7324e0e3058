using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Driver;

/// <summary>
/// The records an <see cref="IRecordWriter"/> writes for RunAsync, collected in the session's
/// <see cref="ResultRecordBuffer"/> and each counted against the statement's memory as the cursor counts the records it
/// collects itself (the record, its cells and what converting its values took), kept until the result is handed over.
/// Kept by the cursor and started again for each statement it writes.
/// </summary>
internal sealed class KeptRecordTarget : IRecordTarget
{
    private ResultRecordBuffer? _buffer;
    private MemoryTracker? _memory;
    private long _recordBytes;
    private string _keptFor = "";

    /// <summary>Starts a statement's records into <paramref name="buffer"/>, each reserving <paramref name="recordBytes"/> and what converting it took from <paramref name="memory"/>.</summary>
    public KeptRecordTarget Start(ResultRecordBuffer buffer, MemoryTracker memory, long recordBytes, string keptFor)
    {
        // a kept object is old: a reference is stored only when it changed, so a repeated statement pays no write barrier
        if (!ReferenceEquals(_buffer, buffer)) _buffer = buffer;
        if (!ReferenceEquals(_memory, memory)) _memory = memory;
        _recordBytes = recordBytes;
        if (!ReferenceEquals(_keptFor, keptFor)) _keptFor = keptFor;
        Kept = 0;
        return this;
    }

    /// <summary>Bytes reserved for the statement's records so far (the cursor releases them when it hands the result over).</summary>
    public long Kept { get; private set; }

    public void Expect(int records) => _buffer!.Expect(records);

    public Span<object?> Next() => _buffer!.Next();

    public void Add(long convertedBytes)
    {
        var bytes = convertedBytes + _recordBytes;
        Kept += bytes;
        _memory!.Reserve(bytes, _keptFor);
        _buffer!.Add();
    }
}
