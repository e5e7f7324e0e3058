namespace Graph.Storage.Tests;

/// <summary>
/// Starts test work that blocks or spins on a thread of its own. On the thread pool, readers spinning on both cores
/// keep the pool from adding threads (it adds none while the CPU is busy), so another class's queued waiters could
/// not start for longer than the write lock's timeout: WriteLockTests failed that way when run beside the racing readers.
/// </summary>
internal static class DedicatedThreads
{
    public static Task Run(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static Task<T> Run<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
