using System.CommandLine;
using Graph.Storage;

namespace Graph.Cli.Commands;

/// <summary>
/// <c>graph check</c> verifies an embedded database without changing it; <c>graph repair</c> cuts a damaged one back
/// to its last good commit, keeping a copy of the damaged files. Both work on the files directly (the store must not
/// be open elsewhere), so they also work on a database that refuses to open.
/// </summary>
public static class StoreCommands
{
    public static IEnumerable<Command> Create()
    {
        var check = new Command("check",
            "Verify the embedded database without changing it: checksums of the log and the snapshot, relationships to existing nodes, " +
            "adjacency, label and property indexes, unique constraints. Prints the findings; exit code 1 when there are any.")
        {
            StoreConnection.Db,
        };
        check.SetAction(parsed =>
        {
            var directory = StoreConnection.DatabaseDirectory(StoreConnection.Resolve(parsed));
            var report = OnFiles(() => StoreCheck.Run(directory));
            Console.Out.WriteLine($"graph check {report.Directory}");
            foreach (var fact in report.Facts) Console.Out.WriteLine($"  {fact}");
            foreach (var finding in report.Findings) Console.Error.WriteLine($"problem: {finding}");
            Console.Out.WriteLine(report.Healthy
                ? "no problems found"
                : $"{report.Findings.Count} problem{(report.Findings.Count == 1 ? "" : "s")} found; see `graph repair --help`");
            return report.Healthy ? CliRunner.ExitOk : CliRunner.ExitFailure;
        });

        var repair = new Command("repair",
            "Make a damaged embedded database open again: copy its files into a damaged-<UTC time> folder beside them, cut the log " +
            "at the last good commit (or rebuild from the log when the snapshot is damaged and the log holds the whole history), and say " +
            "exactly which commits and bytes were lost. Refuses, changing nothing, when the lost commits are in no file (restore a backup).")
        {
            StoreConnection.Db,
        };
        repair.SetAction(parsed =>
        {
            var directory = StoreConnection.DatabaseDirectory(StoreConnection.Resolve(parsed));
            var report = OnFiles(() => StoreRepair.Run(directory, DateTime.UtcNow));
            var output = report.Outcome == RepairOutcome.CannotRepair ? Console.Error : Console.Out;
            foreach (var line in report.Lines) output.WriteLine(report.Outcome == RepairOutcome.CannotRepair ? $"error: {line}" : line);
            return report.Outcome == RepairOutcome.CannotRepair ? CliRunner.ExitFailure : CliRunner.ExitOk;
        });
        return [check, repair];
    }

    /// <summary>Missing directory, a store open elsewhere, a disk error: one message, no stack trace.</summary>
    private static T OnFiles<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StorageCorruptedException)
        {
            throw new CliException(e.Message);
        }
    }
}
