using System.Diagnostics;
using Graph.Client;
using Graph.Tck.Features;

namespace Graph.Tck.Execution;

public sealed record TckRunOptions
{
    /// <summary>Case-insensitive substring of the scenario id ("clauses/match/Match1.feature: [1] ...").</summary>
    public string? Filter { get; init; }

    /// <summary>Which features run: SCOPE.md calls expressions/temporal and clauses/call stretch goals; the engine runs both in scope.</summary>
    public ScopeSelection Scope { get; init; } = ScopeSelection.InScope;

    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}

public enum ScopeSelection
{
    InScope,
    OutOfScope,
    All,
}

public sealed record ScenarioResult(TckScenario Scenario, ScenarioOutcome Outcome);

/// <summary>A feature file that could not be parsed: reported as one failure of that file.</summary>
public sealed record FeatureLoadFailure(string FeaturePath, string Message);

public sealed record TckRunResult(IReadOnlyList<ScenarioResult> Scenarios, IReadOnlyList<FeatureLoadFailure> LoadFailures, TimeSpan Elapsed)
{
    public int Passed => Scenarios.Count(s => s.Outcome.Passed);
    public int Failed => Scenarios.Count(s => s.Outcome.Failed) + LoadFailures.Count;
    public int Skipped => Scenarios.Count(s => s.Outcome.Skipped);
}

/// <summary>Loads a folder of .feature files and runs every scenario on its own fresh driver, in parallel.</summary>
public sealed class TckRunner(Func<IDriver> driverFactory, TckRunOptions options)
{
    /// <summary>
    /// Folders left out of the default run: none. SCOPE.md names expressions/temporal and clauses/call stretch goals; the
    /// engine has temporal values and procedures (the runner declares the TCK's test procedures), so both run in scope and
    /// guard against regressions. A folder listed here would run only with --include-out-of-scope.
    /// </summary>
    public static IReadOnlyList<string> OutOfScopeFolders { get; } = [];

    public static bool IsOutOfScope(string featuresRoot, string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(featuresRoot, relativePath)).Replace('\\', '/');
        return OutOfScopeFolders.Any(folder => full.Contains("/" + folder, StringComparison.Ordinal));
    }

    /// <summary>The graphs/ folder next to the features folder (or next to one of its parents).</summary>
    public static string? FindGraphsRoot(string featuresRoot)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(featuresRoot)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "graphs");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public (IReadOnlyList<TckScenario> Scenarios, IReadOnlyList<FeatureLoadFailure> Failures) Load(string featuresRoot)
    {
        var scenarios = new List<TckScenario>();
        var failures = new List<FeatureLoadFailure>();
        foreach (var file in FeatureLoader.FindFeatureFiles(featuresRoot))
        {
            var outOfScope = IsOutOfScope(featuresRoot, file);
            if ((options.Scope == ScopeSelection.InScope && outOfScope) || (options.Scope == ScopeSelection.OutOfScope && !outOfScope)) continue;
            try
            {
                scenarios.AddRange(FeatureLoader.LoadFile(featuresRoot, file)
                    .Where(s => options.Filter is null || s.Id.Contains(options.Filter, StringComparison.OrdinalIgnoreCase)));
            }
            catch (FeatureLoadException e)
            {
                if (options.Filter is null || file.Contains(options.Filter, StringComparison.OrdinalIgnoreCase))
                    failures.Add(new FeatureLoadFailure(file, e.Message));
            }
        }
        return (scenarios, failures);
    }

    public async Task<TckRunResult> RunAsync(string featuresRoot, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var (scenarios, loadFailures) = Load(featuresRoot);
        var graphsRoot = FindGraphsRoot(featuresRoot);
        var outcomes = new ScenarioOutcome[scenarios.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, scenarios.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = cancellationToken },
            async (i, _) => outcomes[i] = await RunScenarioAsync(scenarios[i], graphsRoot).ConfigureAwait(false)).ConfigureAwait(false);
        var results = scenarios.Select((s, i) => new ScenarioResult(s, outcomes[i])).ToList();
        return new TckRunResult(results, loadFailures, stopwatch.Elapsed);
    }

    public async Task<ScenarioOutcome> RunScenarioAsync(TckScenario scenario, string? graphsRoot)
    {
        var stopwatch = Stopwatch.StartNew();
        if (scenario.IsIgnored) return new ScenarioOutcome(FailureKind.None, "tagged @ignore", null, TimeSpan.Zero, Skipped: true);

        using var timeout = new CancellationTokenSource(options.ScenarioTimeout);
        IDriver? driver = null;
        var timedOut = false;
        try
        {
            driver = driverFactory();
            var executor = new ScenarioExecutor(driver, graphsRoot);
            var run = Task.Run(() => executor.RunAsync(scenario, timeout.Token), CancellationToken.None);
            // The engine may ignore the token (a hot loop): stop waiting a little after the deadline.
            var finished = await Task.WhenAny(run, Task.Delay(options.ScenarioTimeout + TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            if (finished != run)
            {
                timedOut = true;
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe its eventual failure
                return Failure(FailureKind.Timeout, $"no answer within {options.ScenarioTimeout.TotalSeconds:0.#} s (the engine ignored cancellation)");
            }
            var detailMismatch = await run.ConfigureAwait(false);
            return new ScenarioOutcome(FailureKind.None, null, detailMismatch, stopwatch.Elapsed);
        }
        catch (ScenarioFailure failure)
        {
            return Failure(failure.Kind, failure.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Failure(FailureKind.Timeout, $"no answer within {options.ScenarioTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e)
        {
            return Failure(FailureKind.Crash, ScenarioExecutor.Describe(e));
        }
        finally
        {
            if (driver is not null && !timedOut)
            {
                try { await driver.DisposeAsync().ConfigureAwait(false); }
                catch (Exception) { /* a failing dispose must not hide the scenario's outcome */ }
            }
        }

        ScenarioOutcome Failure(FailureKind kind, string reason) => new(kind, reason, null, stopwatch.Elapsed);
    }
}
