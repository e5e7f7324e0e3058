using System.Globalization;
using Graph.Tck.Execution;
using Graph.Tck.Reporting;

namespace Graph.Tck;

/// <summary>
/// dotnet run --project tests/Graph.Tck -- &lt;features folder&gt; [options]
/// Runs every scenario on a fresh in-memory engine, prints per-feature counts and ends with "N passed, N failed".
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: dotnet run --project tests/Graph.Tck -- <folder of .feature files> [options]
          --filter <text>                 only scenarios whose id contains the text (case-insensitive)
          -v, --verbose                   list failing scenarios with one-line reasons
          --include-out-of-scope          also run the folders TckRunner.OutOfScopeFolders leaves out (none: temporal and CALL run in scope)
          --only-out-of-scope             run only those
          --timeout <seconds>             per-scenario timeout (default 10)
          --parallel <n>                  scenarios run at once (default: processor count)
          --known-failures <file>         exit 1 only for failures not listed in the file
          --write-known-failures <file>   write the failing scenario ids to the file
          --failures-md <file>            write a FAILURES.md summary grouped by cause
        """;

    public static async Task<int> Main(string[] args)
    {
        string? folder = null, knownFailures = null, writeKnownFailures = null, failuresMd = null;
        var options = new TckRunOptions();
        var verbose = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--filter": options = options with { Filter = Next() }; break;
                    case "-v" or "--verbose": verbose = true; break;
                    case "--include-out-of-scope": options = options with { Scope = ScopeSelection.All }; break;
                    case "--only-out-of-scope": options = options with { Scope = ScopeSelection.OutOfScope }; break;
                    case "--timeout": options = options with { ScenarioTimeout = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) }; break;
                    case "--parallel": options = options with { MaxParallelism = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                    case "--known-failures": knownFailures = Next(); break;
                    case "--write-known-failures": writeKnownFailures = Next(); break;
                    case "--failures-md": failuresMd = Next(); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default:
                        if (args[i].StartsWith('-') || folder is not null) throw new ArgumentException($"unexpected argument '{args[i]}'.");
                        folder = args[i];
                        break;
                }
            }
            if (folder is null) throw new ArgumentException("give the folder of .feature files.");
            if (options.Filter is not null && writeKnownFailures is not null)
                throw new ArgumentException("--write-known-failures lists every failure, so it cannot be combined with --filter.");
            if (!Directory.Exists(folder)) throw new ArgumentException($"folder '{Path.GetFullPath(folder)}' does not exist.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var run = await new TckRunner(EngineDrivers.InMemory, options).RunAsync(folder).ConfigureAwait(false);
        Console.WriteLine(TckReport.Format(run, verbose));

        if (writeKnownFailures is not null)
        {
            KnownFailures.Write(writeKnownFailures, run);
            Console.Error.WriteLine($"wrote {run.Failed} known failures to {writeKnownFailures}");
        }
        if (failuresMd is not null)
        {
            var markdown = FailuresMarkdown.Format(run, "the embedded engine (EmbeddedDriver.InMemory)");
            if (options.Scope == ScopeSelection.InScope && TckRunner.OutOfScopeFolders.Count > 0)
            {
                // The stretch goals get a short summary so progress on them is visible too.
                var stretch = await new TckRunner(EngineDrivers.InMemory, options with { Scope = ScopeSelection.OutOfScope }).RunAsync(folder).ConfigureAwait(false);
                markdown += FailuresMarkdown.FormatStretch(stretch);
            }
            await File.WriteAllTextAsync(failuresMd, markdown).ConfigureAwait(false);
            Console.Error.WriteLine($"wrote {failuresMd}");
        }
        if (knownFailures is not null)
        {
            var (regressions, nowPassing) = KnownFailures.Compare(run, KnownFailures.Read(knownFailures));
            foreach (var id in nowPassing) Console.Error.WriteLine($"now passing, remove from known-failures: {id}");
            foreach (var id in regressions) Console.Error.WriteLine($"REGRESSION (not in {knownFailures}): {id}");
            return regressions.Count == 0 ? 0 : 1;
        }
        return run.Failed == 0 ? 0 : 1;
    }
}
