namespace Graph.Engine.Execution;

/// <summary>
/// Where an <see cref="IRecordWriter"/> writes a whole result's records (the result cursor's RunAsync buffer): cells
/// handed out one record at a time, each record counted against the statement's memory as the cursor counts its own.
/// </summary>
internal interface IRecordTarget
{
    /// <summary>The next record's cells (one per column, all null), to be written, then made a record by <see cref="Add"/>.</summary>
    Span<object?> Next();

    /// <summary>
    /// A hint: about <paramref name="records"/> records come next (a hop's relationships, before its far nodes' labels
    /// are checked). Fewer or more may come; a target may use it to write them where it keeps them.
    /// </summary>
    void Expect(int records);

    /// <summary>
    /// The cells last handed out are a record, kept (and counted) until the result is handed over.
    /// <paramref name="convertedBytes"/>: what converting its values to the client's took (0 for strings, numbers,
    /// booleans and nulls, which are the client's values as they are).
    /// </summary>
    void Add(long convertedBytes);
}
