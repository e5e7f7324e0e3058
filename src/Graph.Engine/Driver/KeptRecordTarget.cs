using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Driver;

/// <summary>
/// The records an <see cref="IRecordWriter"/> writes for RunAsync, collected in the session's
/// <see cref="ResultRecordBuffer"/> and each counted against the statement's memory as the cursor counts the records it
/// collects itself (the record, its cells and what converting its values took), kept until the result is handed over.
/// </summary>
internal sealed class KeptRecordTarget(ResultRecordBuffer buffer, MemoryTracker memory, long recordBytes, string keptFor) : IRecordTarget
{
    /// <summary>Bytes reserved for the records so far (the cursor releases them when it hands the result over).</summary>
    public long Kept { get; private set; }

    public Span<object?> Next() => buffer.Next();

    public void Add(long convertedBytes)
    {
        var bytes = convertedBytes + recordBytes;
        Kept += bytes;
        memory.Reserve(bytes, keptFor);
        buffer.Add();
    }
}
