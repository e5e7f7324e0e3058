using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Graph.Engine.Import;

/// <summary>
/// Reads and parses a file on a second thread while the calling thread writes the rows already parsed: the two halves
/// of an import use both cores. Bounded: at most <see cref="BatchesInFlight"/> batches exist, so a reader faster than the
/// writer waits instead of parsing the whole file into memory. Rows reach the writer in file order, and an error of
/// the reader (a bad row, an unreadable file) is thrown on the writer's thread after every row before it was written,
/// so the first bad row of the file is the one reported, as when one thread did both.
/// </summary>
internal sealed class RowPipeline : IDisposable
{
    private const int BatchesInFlight = 4;

    private readonly BlockingCollection<RowBatch> _full = new(BatchesInFlight);
    private readonly BlockingCollection<RowBatch> _free = new(BatchesInFlight);
    private readonly CancellationTokenSource _stop;
    private readonly Task _reader;
    private ExceptionDispatchInfo? _failure;

    /// <param name="columns">Property columns per row (sizes the batches).</param>
    /// <param name="read">Runs on the reading thread and reads the file through <see cref="Fill"/>.</param>
    public RowPipeline(int columns, Action<RowPipeline> read, CancellationToken cancellationToken)
    {
        for (var i = 0; i < BatchesInFlight; i++) _free.Add(new RowBatch(columns));
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reader = Task.Run(() =>
        {
            try
            {
                read(this);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The writer stopped (an error of its own, or cancellation): it reports why.
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _full.CompleteAdding();
            }
        });
    }

    /// <summary>
    /// Reading thread: fills batches with <paramref name="readRow"/> (false at the end of the file) and hands each to the
    /// writer when full. When a row throws, the rows before it are handed over first, so they are written (and rolled
    /// back) before its error is reported. <paramref name="complete"/>, when given, finishes a batch before it is handed
    /// over (rows whose ends were looked up in a window); it may cut the batch and throw an error of an earlier row, which
    /// then replaces the error of the row being read.
    /// </summary>
    public void Fill(Func<RowBatch, bool> readRow, Action<RowBatch>? complete = null)
    {
        RowBatch? batch = Rent();
        try
        {
            while (readRow(batch))
            {
                if (!batch.IsFull) continue;
                complete?.Invoke(batch);
                _full.Add(batch, _stop.Token);
                batch = null;
                batch = Rent();
            }
        }
        finally
        {
            if (batch is not null)
            {
                try
                {
                    complete?.Invoke(batch);
                }
                finally
                {
                    _full.Add(batch, _stop.Token);
                }
            }
        }
    }

    /// <summary>An empty batch, waiting while the writer still holds all of them.</summary>
    private RowBatch Rent() => _free.Take(_stop.Token);

    /// <summary>Writing thread: the batches in file order; then the reader's error, if it had one.</summary>
    public IEnumerable<RowBatch> Batches()
    {
        foreach (var batch in _full.GetConsumingEnumerable(_stop.Token))
        {
            yield return batch;
            batch.Clear();
            _free.Add(batch, _stop.Token);
        }
        _reader.Wait(_stop.Token);
        _failure?.Throw();
    }

    /// <summary>Stops the reader (when the writer failed or finished early) and waits for it.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _reader.Wait();
        }
        catch (AggregateException)
        {
            // Its failure, if any, was captured above; the writer's own error is the one to report.
        }
        _stop.Dispose();
        _full.Dispose();
        _free.Dispose();
    }
}
